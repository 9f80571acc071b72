import path from "node:path";
import type Docker from "dockerode";
import { z } from "zod";
import { DOCKER_HOST_ALIAS, ENV_KEYS } from "../stack/stack-settings";
import { renderEnvFile } from "../compose/render-compose-file";
import { parseVersion, postgresCompatibility, defaultDbPlugin } from "../config/compat";
import type { ConfigEdits } from "../config/config-edits";
import { editConfigFile } from "../config/config-service";
import type { MyceliumConfig } from "../config/schema";
import { dockerHostGateway } from "../docker/bridge-gateway";
import type { EngineTarget } from "../stack/engine-target";
import { openProject, type ProjectContext } from "../stack/project-context";
import { MyceliumError } from "../errors";
import { writeFileAtomic } from "../fs/atomic-write";
import { PostgresConnectError, type PostgresFailure } from "../postgres/postgres-errors";
import { PostgresSession } from "../postgres/postgres-session";
import { acquireDeployLock } from "./deploy-lock";
import { deploymentDirectory, ENV_FILE, readDeploymentSecrets } from "./deployment-files";

/**
 * Reusing a PostgreSQL server that already runs on this machine instead of starting one:
 * the credentials are tested the way Temporal will use them (through the Docker host, from
 * the address containers come from), then the password is kept in the deployment's `.env`
 * and the config switched to `reuse_existing`.
 */

export const reuseRequestSchema = z.strictObject({
  user: z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, "user must be a lower-case SQL identifier such as temporal"),
  // Kept as one `.env` line: a line break would split it, spaces at either end would be trimmed
  // when it is read back; NUL cannot reach PostgreSQL at all.
  password: z
    .string()
    .min(1, "enter the password")
    .max(1000)
    .refine((value) => !/[\r\n\0]/.test(value), "the password cannot contain line breaks")
    .refine((value) => value.trim() === value, "the password cannot start or end with a space"),
});

export type ReuseRequest = z.output<typeof reuseRequestSchema>;

export interface ReusedServerReport {
  /** `15.4`, from the server itself. */
  version: string;
  port: number;
  /** Where containers reach this machine (the default bridge's gateway). */
  dockerHostAddress: string;
  /** Temporal's two databases that already exist; the others are created on first start. */
  existingDatabases: string[];
  warnings: string[];
  /** The config edits that switch the project to this server. */
  edits: ConfigEdits;
}

/** The maintenance database: auto-setup's sql tool connects there to create Temporal's databases. */
const MAINTENANCE_DATABASE = "postgres";
const CONNECT_TIMEOUT_MS = 3000;

/** The address `host-gateway` resolves to: the default bridge network's gateway. */
async function dockerHostAddress(docker: Docker): Promise<string> {
  const gateway = await dockerHostGateway(docker);
  if (!gateway) {
    throw new MyceliumError(
      "unavailable:docker_bridge",
      "Docker's default bridge network has no IPv4 gateway, so containers cannot reach this machine.",
      {
        hint:
          "Check `docker network inspect bridge`; a daemon started " +
          "with `--bridge=none` cannot reuse a server on the host.",
      },
    );
  }
  return gateway;
}

function loginFailure(failure: PostgresFailure, where: string, user: string): MyceliumError {
  switch (failure.kind) {
    case "authentication":
      return new MyceliumError(
        "bad_request:postgres_credentials",
        `PostgreSQL at ${where} refused the login for user "${user}": ${failure.message}.`,
        {
          hint: "Check the user name and password (they are case-sensitive) and try again.",
        },
      );
    case "tls-required":
      return new MyceliumError(
        "bad_request:postgres_hba",
        `PostgreSQL at ${where} has no pg_hba.conf entry for these connections: ${failure.message}.`,
        {
          hint:
            `Allow password logins from Docker's networks: add \`host all ${user} ` +
            `172.16.0.0/12 scram-sha-256\` to pg_hba.conf and reload PostgreSQL.`,
        },
      );
    case "database-missing":
      return new MyceliumError(
        "bad_request:postgres_maintenance_db",
        `PostgreSQL at ${where} has no "${MAINTENANCE_DATABASE}" database, which Temporal's setup connects to.`,
        {
          hint: `Create it (\`CREATE DATABASE ${MAINTENANCE_DATABASE};\`) or reuse another server.`,
        },
      );
    default:
      return new MyceliumError(
        "unavailable:postgres",
        `PostgreSQL at ${where} did not accept a connection: ${failure.message}.`,
        {
          hint: "Check that the server is running and listening on that port.",
        },
      );
  }
}

async function withLogin<T>(
  host: string,
  port: number,
  request: ReuseRequest,
  work: (session: PostgresSession) => Promise<T>,
): Promise<T> {
  const session = new PostgresSession({
    host,
    port,
    user: request.user,
    password: request.password,
    applicationName: "mycelium-reuse-check",
    connectTimeoutMs: CONNECT_TIMEOUT_MS,
    statementTimeoutMs: CONNECT_TIMEOUT_MS,
  });
  try {
    return await work(session);
  } catch (error) {
    if (error instanceof PostgresConnectError) throw loginFailure(error.failure, `${host}:${port}`, request.user);
    throw error;
  } finally {
    await session.close();
  }
}

interface ServerFacts {
  version: string;
  canCreateDatabases: boolean;
  existingDatabases: string[];
}

async function readServerFacts(session: PostgresSession, databases: string[]): Promise<ServerFacts> {
  const client = await session.connect(MAINTENANCE_DATABASE);
  const { rows } = await client.query<{ version: string; can_create: boolean; existing: string[] }>(
    `SELECT current_setting('server_version') AS version,
            (SELECT rolcreatedb OR rolsuper FROM pg_roles WHERE rolname = current_user) AS can_create,
            ARRAY(SELECT datname FROM pg_database WHERE datname = ANY($1::text[]) ORDER BY datname) AS existing`,
    [databases],
  );
  const row = rows[0]!;
  // "15.4 (Debian 15.4-1.pgdg120+1)" → "15.4"
  return { version: row.version.split(" ")[0]!, canCreateDatabases: row.can_create, existingDatabases: row.existing };
}

/**
 * Test a server for reuse, with no side effect: it answers on the configured port, accepts the
 * login both over loopback and on the address containers come through, runs a version the
 * configured Temporal supports, and either holds Temporal's databases or lets the user create them.
 */
export async function testExistingPostgres(
  engine: EngineTarget,
  config: MyceliumConfig,
  request: ReuseRequest,
): Promise<ReusedServerReport> {
  const { docker } = engine;
  const { postgres, temporal } = config.services;
  const port = postgres.port;
  const databases = [postgres.database, `${postgres.database}_visibility`];
  const facts = await withLogin(engine.machineHost, port, request, (session) => readServerFacts(session, databases));

  const gateway = await dockerHostAddress(docker);
  try {
    await withLogin(gateway, port, request, (session) => session.connect(MAINTENANCE_DATABASE));
  } catch (error) {
    if (error instanceof MyceliumError && error.code === "unavailable:postgres") {
      throw new MyceliumError(
        "bad_request:postgres_loopback_only",
        `PostgreSQL on port ${port} accepts the login on 127.0.0.1, but containers cannot reach it: nothing ` +
          `answers on ${gateway}:${port}, the address Temporal's container uses (${DOCKER_HOST_ALIAS}).`,
        {
          hint:
            `Make it listen there too: set listen_addresses = 'localhost,${gateway}' ` +
            `(or '*') in postgresql.conf, allow 172.16.0.0/12 in pg_hba.conf, and ` +
            `restart PostgreSQL. A server in a container must publish the port on 0.0.0.0.`,
        },
      );
    }
    throw error;
  }

  const temporalVersion = parseVersion(temporal.version);
  const serverVersion = parseVersion(facts.version);
  if (!temporalVersion || !serverVersion) {
    throw new MyceliumError(
      "bad_request:postgres_version",
      `PostgreSQL reports version "${facts.version.slice(0, 40)}", which Mycelium cannot read.`,
      {
        hint: "Reuse a PostgreSQL release server (9.6 or later).",
      },
    );
  }
  const plugin = temporal.db_plugin ?? defaultDbPlugin(temporalVersion, serverVersion);
  const compatibility = postgresCompatibility(temporalVersion, serverVersion, plugin);
  if (compatibility.level === "incompatible") {
    throw new MyceliumError(
      "bad_request:postgres_incompatible",
      `PostgreSQL ${facts.version} cannot hold Temporal ${temporal.version}'s data: ${compatibility.reason}.`,
      {
        hint: "Reuse a newer PostgreSQL, or let Mycelium run one in a container (move it to a free port instead).",
      },
    );
  }
  const missing = databases.filter((name) => !facts.existingDatabases.includes(name));
  if (missing.length > 0 && !facts.canCreateDatabases) {
    throw new MyceliumError(
      "bad_request:postgres_privileges",
      `User "${request.user}" may not create databases, and ${missing.join(" and ")} do not exist yet.`,
      {
        hint:
          `As a superuser, run ` +
          `${missing.map((name) => `\`CREATE DATABASE ${name} OWNER ${request.user};\``).join(" ")} ` +
          `or \`ALTER ROLE ${request.user} CREATEDB;\`, then try again.`,
      },
    );
  }

  const warnings: string[] = [];
  if (compatibility.level === "untested") warnings.push(`PostgreSQL ${facts.version}: ${compatibility.reason}.`);
  if (/[^A-Za-z0-9]/.test(request.password)) {
    warnings.push(
      "The password has characters other than letters and digits: some Temporal releases fail to log in with " +
        "those (temporal #5729), and `docker compose` may read `$`, `#` or quotes in .env specially if you " +
        "run the generated file by hand. If Temporal reports a login failure, use an alphanumeric password.",
    );
  }
  const existing = databases.filter((name) => facts.existingDatabases.includes(name));
  if (existing.length > 0)
    warnings.push(`${existing.join(" and ")} already exist: Temporal keeps their data and only adds missing schema.`);
  return {
    version: facts.version,
    port,
    dockerHostAddress: gateway,
    existingDatabases: existing,
    warnings,
    edits: {
      "services.postgres.reuse_existing": true,
      "services.postgres.user": request.user,
      "services.postgres.version": facts.version,
    },
  };
}

/**
 * Keep the tested password in the deployment's `.env` (0600), beside our own container's
 * password, which stays untouched. Held under the deploy lock: a deploy rewrites `.env`.
 */
export async function storeReusedPassword(project: string, password: string): Promise<void> {
  const directory = deploymentDirectory(project);
  const release = await acquireDeployLock(directory, "credential update");
  try {
    const current = (await readDeploymentSecrets(directory)) ?? {};
    await writeFileAtomic(
      path.join(directory, ENV_FILE),
      renderEnvFile(project, { ...current, [ENV_KEYS.reusedPassword]: password }),
      { mode: 0o600 },
    );
  } finally {
    await release();
  }
}

/** Test the server, then keep its password and switch the config to it. */
export async function adoptExistingPostgres(
  context: ProjectContext,
  request: ReuseRequest,
): Promise<ReusedServerReport> {
  const { config, engine, paths } = await openProject(context);
  const report = await testExistingPostgres(engine, config, request);
  await storeReusedPassword(config.project_name, request.password);
  await editConfigFile(paths.configPath, report.edits);
  return report;
}
