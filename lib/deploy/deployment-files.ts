import { promises as fs } from "node:fs";
import path from "node:path";
import { resolveDeploymentsRoot } from "../config/config-location";
import { PROJECT_NAME_PATTERN } from "../config/schema";
import { PASSWORD_ENV_KEYS } from "../stack/stack-settings";
import type { ComposeProject } from "../compose/compose-model";
import { parseEnvFile, renderComposeFile, renderEnvFile } from "../compose/render-compose-file";
import { MyceliumError } from "../errors";
import { writeFileAtomic } from "../fs/atomic-write";

export const COMPOSE_FILE = "docker-compose.yml";
export const ENV_FILE = ".env";

/**
 * `<data home>/mycelium/deployments/<project>`. The name is checked again here, at the last
 * point before it becomes a path, so nothing like `../x` can ever reach the filesystem.
 */
export function deploymentDirectory(project: string, deploymentsRoot: string = resolveDeploymentsRoot()): string {
  if (!PROJECT_NAME_PATTERN.test(project)) {
    throw new MyceliumError("bad_request:project_name", `"${project.slice(0, 80)}" is not a valid project name.`, {
      hint: "Use 1–63 characters of a–z, 0–9 and '-', starting with a letter or digit.",
    });
  }
  return path.join(deploymentsRoot, project);
}

/** The secrets of an earlier deploy, or null on a first deploy. */
export async function readDeploymentSecrets(directory: string): Promise<Record<string, string> | null> {
  try {
    return parseEnvFile(await fs.readFile(path.join(directory, ENV_FILE), "utf8"));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}

/** Every password a deployment's `.env` holds (ours and a reused server's): what redaction hides. */
export function passwordsIn(env: Record<string, string> | null): string[] {
  if (!env) return [];
  return PASSWORD_ENV_KEYS.map((key) => env[key]).filter((value): value is string => Boolean(value));
}

/** The passwords of a project's deployment, or none when it has not been deployed. */
export async function readDeploymentPasswords(project: string): Promise<string[]> {
  return passwordsIn(await readDeploymentSecrets(deploymentDirectory(project)).catch(() => null));
}

/** The generated files, as they will be written: for the plan review (secrets excluded). */
export function renderDeploymentFiles(project: ComposeProject): { path: string; content: string }[] {
  return [
    { path: COMPOSE_FILE, content: renderComposeFile(project) },
    ...project.files.map(({ path: p, content }) => ({ path: p, content })),
  ];
}

/**
 * Write compose file, `.env` (0600: it holds the password) and the extra files, each
 * atomically. Directories are world-readable because Temporal's container runs as uid 1000
 * and must read the bind-mounted dynamic-config directory; nothing secret lives there.
 */
export async function writeDeploymentFiles(
  directory: string,
  project: ComposeProject,
  secrets: Record<string, string>,
): Promise<void> {
  await fs.mkdir(directory, { recursive: true, mode: 0o755 });
  await writeFileAtomic(path.join(directory, ENV_FILE), renderEnvFile(project.name, secrets), { mode: 0o600 });
  await writeFileAtomic(path.join(directory, COMPOSE_FILE), renderComposeFile(project), { mode: 0o644 });
  for (const file of project.files) {
    const target = path.join(directory, file.path);
    await writeFileAtomic(target, file.content, { mode: file.mode, directoryMode: 0o755 });
    // An earlier version may have created the directory with a stricter mode.
    await fs.chmod(path.dirname(target), 0o755);
  }
}
