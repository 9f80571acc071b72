import { readDeploymentSecrets } from "../deploy/deployment-files";
import type { Project } from "../stack/project-context";
import { resolveValidationOptions } from "../validation/validation-options";
import { openTemporalConnection } from "./temporal-connection";

/** A Temporal connection to the project's frontend, closed after `run`. */
export async function withConfiguredTemporal<T>(
  { config, deploymentDir, engine }: Project,
  run: (connection: ReturnType<typeof openTemporalConnection>) => Promise<T>,
): Promise<T> {
  const options = resolveValidationOptions(config, await readDeploymentSecrets(deploymentDir), engine);
  const connection = openTemporalConnection(`${options.temporalHost}:${options.temporalPort}`);
  try {
    return await run(connection);
  } finally {
    await connection.close().catch(() => undefined);
  }
}
