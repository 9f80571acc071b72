import type Docker from "dockerode";
import { ENV_KEYS } from "../stack/stack-settings";
import type { MyceliumConfig } from "../config/schema";
import { deploymentDirectory, readDeploymentSecrets } from "../deploy/deployment-files";
import { listProjectContainers, type ProjectContainer } from "../docker/project-resources";
import { MyceliumError } from "../errors";
import { DATABASE_NAME_PATTERN } from "./backup-manifest";
import { execInContainer } from "../docker/container-exec";

/**
 * The project's running PostgreSQL container and how to reach it from inside: the official
 * image (and ours) trusts connections over its local socket, so the tools run there need no
 * password, and none is ever put on a command line.
 */
export interface PostgresTarget {
  project: string;
  container: ProjectContainer;
  /** The role Temporal uses (POSTGRES_USER in `.env`). */
  user: string;
  /** Temporal's main database, then the visibility database. */
  databases: [string, string];
  deploymentDir: string;
  /** The whole `.env`: the caller keeps it to itself. */
  secrets: Record<string, string>;
}

const STATE_WORDS: Record<string, string> = {
  exited: "stopped",
  created: "not started",
  dead: "dead",
  paused: "paused",
  restarting: "restarting",
};

export function notDeployed(project: string): MyceliumError {
  return new MyceliumError(
    "conflict:not_deployed",
    `Project ${project} has no PostgreSQL to work on: it has not been deployed.`,
    {
      hint: "Deploy it first (`mycelium deploy start` or the Deploy page).",
    },
  );
}

export async function findPostgresTarget(docker: Docker, config: MyceliumConfig): Promise<PostgresTarget> {
  const project = config.project_name;
  if (config.services.postgres.reuse_existing) {
    throw new MyceliumError(
      "conflict:postgres_reused",
      `Project ${project} reuses an existing PostgreSQL server: Mycelium backs ` +
        `up, restores and changes passwords only for the PostgreSQL it runs itself.`,
      {
        hint:
          `Manage that server as you already do, e.g. \`pg_dump -h 127.0.0.1 -p ${config.services.postgres.port} ` +
          `-U ${config.services.postgres.user} ${config.services.postgres.database}\`.`,
      },
    );
  }
  const deploymentDir = deploymentDirectory(project);
  const [secrets, containers] = await Promise.all([
    readDeploymentSecrets(deploymentDir),
    listProjectContainers(docker, project),
  ]);
  const container = containers.find((c) => c.service === "postgres");
  if (!secrets || !container) throw notDeployed(project);
  if (container.state !== "running") {
    const state = STATE_WORDS[container.state] ?? "not running";
    throw new MyceliumError(
      "conflict:postgres_not_running",
      `${container.name} is ${state}: PostgreSQL must be running to back it up, restore it or change its password.`,
      {
        hint: "Start the stack (`mycelium deploy start`), wait until it is healthy, then try again.",
      },
    );
  }
  const user = secrets[ENV_KEYS.user] || config.services.postgres.user;
  if (!DATABASE_NAME_PATTERN.test(user)) {
    throw new MyceliumError(
      "bad_request:postgres_user",
      `The PostgreSQL user in ${deploymentDir}/.env is not a plain identifier.`,
      {
        hint: "Mycelium only manages users named with a–z, 0–9 and '_'; fix POSTGRES_USER there or redeploy.",
      },
    );
  }
  const database = config.services.postgres.database;
  return { project, container, user, databases: [database, `${database}_visibility`], deploymentDir, secrets };
}

/** argv for psql over the local socket, quiet, stopping at the first error, no ~/.psqlrc. */
export function psqlArgs(user: string, database: string, extra: string[] = []): string[] {
  return [
    "psql",
    "-X",
    "-q",
    "-v",
    "ON_ERROR_STOP=1",
    "--no-password",
    "--username",
    user,
    "--dbname",
    database,
    ...extra,
  ];
}

/** One value from a query with no user input in it (psql -At -c). */
export async function queryValue(
  docker: Docker,
  target: PostgresTarget,
  database: string,
  sql: string,
): Promise<string | null> {
  const result = await execInContainer(
    docker,
    target.container.id,
    psqlArgs(target.user, database, ["-A", "-t", "-c", sql]),
    { timeoutMs: 60_000 },
  );
  if (result.exitCode !== 0) return null;
  const value = result.stdout.trim();
  return value === "" ? null : value;
}

/** The databases that exist, of the ones asked about. */
export async function existingDatabases(
  docker: Docker,
  target: PostgresTarget,
  names: readonly string[],
): Promise<string[]> {
  const result = await execInContainer(
    docker,
    target.container.id,
    psqlArgs(target.user, "postgres", ["-A", "-t", "-c", "SELECT datname FROM pg_database WHERE NOT datistemplate"]),
    { timeoutMs: 60_000 },
  );
  if (result.exitCode !== 0) {
    throw new MyceliumError(
      "unavailable:postgres",
      `PostgreSQL in ${target.container.name} did not answer: ${firstLine(result.stderr)}`,
      {
        hint: "Check that it is healthy (`mycelium deploy status`, `mycelium logs postgres`), then try again.",
      },
    );
  }
  const present = new Set(result.stdout.split("\n").map((line) => line.trim()));
  return names.filter((name) => present.has(name));
}

/** The first meaningful line of a tool's stderr, for a one-sentence error. */
export function firstLine(text: string): string {
  const line = text
    .split("\n")
    .map((l) => l.trim())
    .find((l) => l.length > 0);
  return (line ?? "no output").replace(/^(pg_dump|pg_restore|psql): (error: )?/, "").slice(0, 300);
}
