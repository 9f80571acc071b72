import { z } from "zod";
import { resolveConfigPath, type Environment } from "../config/config-location";
import { loadValidConfig } from "../config/load-valid-config";
import { reusesExistingPostgres, type MyceliumConfig } from "../config/schema";
import { deploymentDirectory, readDeploymentSecrets } from "../deploy/deployment-files";
import { jsonResponse, readQuery } from "../http/route-handler";
import { ENV_KEYS } from "../stack/stack-settings";
import { HELM_CHART, HELM_EXPORT_FILES, renderHelmExport, type ExternalPostgres, type HelmExport } from "./helm-values";

/**
 * The Helm export for the CLI (`mycelium export helm`) and the API route (app/api/export/helm):
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
async function knownPassword(config: MyceliumConfig, env: Environment): Promise<string | null> {
  const given = env[HELM_PASSWORD_VARIABLE];
  if (given) return given;
  if (!reusesExistingPostgres(config)) return null;
  const secrets = await readDeploymentSecrets(deploymentDirectory(config.project_name, env));
  return secrets?.[ENV_KEYS.reusedPassword] || null;
}

export async function loadHelmExport(
  configPath: string,
  postgres: ExternalPostgres,
  { withPassword }: { withPassword: boolean },
  env: Environment = process.env,
): Promise<HelmExport> {
  const config = await loadValidConfig(configPath);
  return renderHelmExport(config, { postgres, password: withPassword ? await knownPassword(config, env) : null });
}

/** GET /api/export/helm's answer: the Secret by name only. */
export interface HelmExportResponse {
  valuesYaml: string;
  notes: string;
  secret: { name: string; key: string; namespace: string };
  files: typeof HELM_EXPORT_FILES;
  chart: typeof HELM_CHART;
}

const exportQuery = z.strictObject({
  postgresHost: z.string().trim().max(253).optional(),
  postgresPort: z.coerce.number().int().min(1).max(65535).optional(),
  // Managed servers have user names such as `temporal@server`: only the length is bounded.
  postgresUser: z.string().trim().max(128).optional(),
});

/** GET /api/export/helm?postgresHost=…&postgresPort=…&postgresUser=… */
export async function getHelmExportResponse(request: Request): Promise<Response> {
  const { postgresHost, postgresPort, postgresUser } = readQuery(
    request,
    exportQuery,
    "For example /api/export/helm?postgresHost=postgres.example.com&postgresPort=5432.",
  );
  const result = await loadHelmExport(
    resolveConfigPath(),
    { host: postgresHost || null, port: postgresPort ?? null, user: postgresUser || null },
    { withPassword: false },
  );
  const { name, key, namespace } = result.secret;
  const body: HelmExportResponse = {
    valuesYaml: result.valuesYaml,
    notes: result.notes,
    secret: { name, key, namespace },
    files: HELM_EXPORT_FILES,
    chart: HELM_CHART,
  };
  return jsonResponse(body);
}
