import { promises as fs } from "node:fs";
import path from "node:path";
import { execInContainer } from "../docker/container-exec";
import { acquireMaintenanceLock } from "../backup/maintenance-lock";
import { trackOperation, type StepReporter } from "../backup/maintenance-operations";
import { findPostgresTarget, firstLine, psqlArgs } from "../backup/postgres-target";
import { ENV_KEYS } from "../stack/stack-settings";
import { renderEnvFile } from "../compose/render-compose-file";
import type { MyceliumConfig } from "../config/schema";
import { startDeploy, type DeploySession } from "../deploy/deploy-session";
import { ENV_FILE } from "../deploy/deployment-files";
import { generatePassword } from "../deploy/prepare-deployment";
import { MyceliumError } from "../errors";
import { writeFileAtomic } from "../fs/atomic-write";
import { redactSecrets } from "../security/redact";
import { scramSha256Verifier, sqlIdentifier, sqlLiteral } from "./scram-verifier";
import type { EngineTarget } from "../stack/engine-target";

/** The new `.env`, written before PostgreSQL is changed and renamed over `.env` after. */
export const PENDING_ENV_FILE = ".env.rotating";

export interface RotationResult {
  project: string;
  /**
   * The deploy that recreates the containers using the password; null if another deploy took the lock first (it applies
   * the new `.env` too).
   */
  session: DeploySession | null;
}

export interface RotationOptions {
  onStep?: StepReporter;
  /** For tests: the password generator. */
  generate?: () => string;
}

/**
 * Give the PostgreSQL role a new generated password without touching the data:
 *
 * 1. the new `.env` is written beside the old one (`.env.rotating`, 0600): from here on the
 *    new password is never only in memory;
 * 2. `ALTER ROLE … PASSWORD '<SCRAM verifier>'` runs through psql inside the PostgreSQL
 *    container (local socket, SQL on stdin: nothing secret on any command line, and only the
 *    verifier reaches the server). If it fails, `.env.rotating` is removed and nothing changed;
 * 3. `.env.rotating` is renamed over `.env` (atomic);
 * 4. a deploy starts, which recreates exactly the containers whose configuration includes
 *    the password (PostgreSQL and Temporal): if it fails, deploying again converges.
 *
 * The password is never returned, printed or logged.
 */
export async function rotatePostgresPassword(
  engine: EngineTarget,
  config: MyceliumConfig,
  options: RotationOptions = {},
): Promise<RotationResult> {
  const { docker } = engine;
  const project = config.project_name;
  return trackOperation(
    project,
    "rotate-password",
    async (step) => {
      const { deploymentDir } = await findPostgresTarget(docker, config);
      const release = await acquireMaintenanceLock(deploymentDir, "password change");
      try {
        // Read `.env` and the container again under the lock: nothing can change them now.
        const target = await findPostgresTarget(docker, config);
        const password = (options.generate ?? generatePassword)();
        const verifier = scramSha256Verifier(password);
        const secretValues = [password, verifier, target.secrets[ENV_KEYS.password] ?? ""].filter(Boolean);
        const envPath = path.join(target.deploymentDir, ENV_FILE);
        const pendingPath = path.join(target.deploymentDir, PENDING_ENV_FILE);

        step("Saving the new password next to .env (mode 0600)");
        await writeFileAtomic(
          pendingPath,
          renderEnvFile(project, { ...target.secrets, [ENV_KEYS.password]: password }),
          { mode: 0o600 },
        );

        step(`Changing the password of the PostgreSQL role ${target.user}`);
        try {
          const result = await execInContainer(
            docker,
            target.container.id,
            psqlArgs(target.user, target.databases[0]),
            {
              stdin: `ALTER ROLE ${sqlIdentifier(target.user)} PASSWORD ${sqlLiteral(verifier)};\n`,
              timeoutMs: 60_000,
            },
          );
          if (result.exitCode !== 0) {
            throw new MyceliumError(
              "unavailable:password_change",
              `PostgreSQL did not accept the new password: ` +
                `${redactSecrets(firstLine(result.stderr.replace(/^psql:<stdin>:\d+: /gm, "")), secretValues)}`,
              {
                hint:
                  "Nothing was changed: the old password still works and .env " +
                  "is untouched. Check `mycelium logs postgres`, then try again.",
              },
            );
          }
        } catch (error) {
          await fs.rm(pendingPath, { force: true });
          throw error;
        }

        step("Saving the new password in .env");
        await fs.rename(pendingPath, envPath).catch((error: NodeJS.ErrnoException) => {
          throw new MyceliumError(
            "internal:env_write",
            `PostgreSQL now uses the new password, but it could not ` +
              `be moved into .env (${error.code ?? "write error"}).`,
            {
              hint:
                `The new password is in ${pendingPath}: move it over ${envPath} (\`mv ` +
                `${pendingPath} ${envPath}\`), then run \`mycelium deploy start\`.`,
              cause: error,
            },
          );
        });
      } finally {
        await release();
      }

      step("Recreating the containers that use the password (PostgreSQL and Temporal restart briefly)");
      try {
        return { project, session: await startDeploy(engine, config) };
      } catch (error) {
        // A deploy that started in between reads the new .env too: it does the same work.
        if (error instanceof MyceliumError && error.code === "conflict:deploy_running")
          return { project, session: null };
        throw new MyceliumError(
          "unavailable:redeploy",
          "The password was changed and saved in .env, but the containers could not be recreated with it.",
          {
            hint:
              "Run `mycelium deploy start` to finish: until then Temporal " +
              "keeps its open connections but cannot open new ones.",
            cause: error,
          },
        );
      }
    },
    options.onStep,
  );
}
