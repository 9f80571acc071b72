import type { Environment } from "../config/config-location";
import { reusesExistingPostgres } from "../config/schema";
import { readDeploymentSecrets } from "../deploy/deployment-files";
import type { Project } from "../stack/project-context";
import { ENV_KEYS } from "../stack/stack-settings";
import { renderHelmExport, type ExternalPostgres, type HelmExport } from "./helm-values";

/**
 * The Helm export for the CLI (`mycelium export helm`) and the API route (lib/http/routes/helm-export-routes.ts):
 * the project's config in, the files out. Only the CLI asks for the password, which goes into
 * the Secret manifest it writes; the route's answer never holds one.
 */

/** Where the CLI takes the password from, as `deploy reuse-postgres` does. */
export const HELM_PASSWORD_VARIABLE = "MYCELIUM_POSTGRES_PASSWORD";

/**
 * The database password when Mycelium knows it: given in the environment, or the reused
 * server's from the deployment's `.env`. Our own container's password is not offered: the
 * external server is another one.
 */
async function knownPassword({ config, deploymentDir }: Project, env: Environment): Promise<string | null> {
  const given = env[HELM_PASSWORD_VARIABLE];
  if (given) return given;
  if (!reusesExistingPostgres(config)) return null;
  const secrets = await readDeploymentSecrets(deploymentDir);
  return secrets?.[ENV_KEYS.reusedPassword] || null;
}

export async function exportHelm(
  project: Project,
  postgres: ExternalPostgres,
  { withPassword }: { withPassword: boolean },
  env: Environment = process.env,
): Promise<HelmExport> {
  return renderHelmExport(project.config, {
    postgres,
    password: withPassword ? await knownPassword(project, env) : null,
  });
}
