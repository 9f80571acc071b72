import {
  compareVersions,
  describeTemporalConnections,
  expectedSchemaVersions,
  parseVersion,
  postgresCompatibility,
} from "../config/compat";
import { PostgresConnectError } from "../postgres/postgres-errors";
import { readServerOverview, type ServerOverview } from "../postgres/postgres-queries";
import {
  findMissingTables,
  readSchemaVersion,
  REQUIRED_MAIN_TABLES,
  REQUIRED_VISIBILITY_TABLES,
} from "../postgres/temporal-schema";
import { CHECK_IDS, REMEDIES } from "./check-ids";
import { portCheck } from "./port-check";
import type { ValidationContext } from "./validation-context";
import { fail, pass, warn, type CheckDefinition, type CheckOutcome } from "./validation-check";
import { VALIDATOR_APPLICATION_NAME, type ValidationOptions } from "./validation-options";

/** Who sets the schema up in this deployment shape, where its log is, and how to run it again. */
function schemaSetup(options: ValidationOptions): { creator: string; logs: string; update: string } {
  return options.deploymentShape === "auto-setup"
    ? {
        creator: "auto-setup, when Temporal starts,",
        logs: "Temporal's logs",
        update: "Restarting Temporal lets auto-setup run update-schema.",
      }
    : {
        creator: "The temporal-schema job",
        logs: "its logs",
        update: "Redeploying runs the temporal-schema job, whose update-schema brings it up to date.",
      };
}

/** Connection pool use at or above these shares of max_connections warns / fails. */
export const CONNECTION_WARN_RATIO = 0.8;
export const CONNECTION_FAIL_RATIO = 0.97;
/** Where to log in when the configured database does not exist, to still report what is there. */
const MAINTENANCE_DATABASE = "postgres";

type Check = CheckDefinition<ValidationContext>;

function loginFailure(error: unknown, options: ValidationOptions): CheckOutcome {
  if (!(error instanceof PostgresConnectError)) throw error;
  const { failure } = error;
  // lib/pq prefixes the server's own errors with "pq:"; dial errors come from Go's net package.
  const fromServer = failure.code !== null && /^[0-9A-Z]{5}$/.test(failure.code);
  const detail = fromServer
    ? `pq: ${failure.message} (SQLSTATE ${failure.code})`
    : `${failure.message}${failure.code ? ` (${failure.code})` : ""}`;
  switch (failure.kind) {
    case "authentication":
      return fail(`PostgreSQL refused the login: ${failure.message}`, {
        detail,
        remedy: REMEDIES.postgresPasswordFailed,
        hint: options.postgresPassword
          ? "The password in the deployment's .env must be the one the data volume was " +
            "initialised with: PostgreSQL applies POSTGRES_PASSWORD only on its first start."
          : "No password was given: the deployment's .env was not found or has no POSTGRES_PASSWORD.",
      });
    case "too-many-connections":
      return fail(`PostgreSQL refused a new connection: ${failure.message}`, {
        detail,
        remedy: REMEDIES.tooManyConnections,
      });
    case "tls-required":
      return fail(`PostgreSQL requires an encrypted connection: ${failure.message}`, {
        detail,
        remedy: REMEDIES.postgresTlsRequired,
      });
    case "refused":
    case "timeout":
    case "unreachable":
      return fail(
        `PostgreSQL did not accept a connection on ${options.postgresHost}:${options.postgresPort}: ${failure.message}`,
        {
          detail,
          remedy: REMEDIES.postgresConnectionRefused,
        },
      );
    default:
      return fail(`PostgreSQL refused the connection: ${failure.message}`, { detail });
  }
}

/** Version, connection slots, databases and their clients, read once per run for every check that needs them. */
export function serverOverview(context: ValidationContext): Promise<ServerOverview> {
  const { postgresDatabase, postgresVisibilityDatabase } = context.options;
  context.facts.overview ??= context.postgres
    .connect(context.facts.loginDatabase ?? postgresDatabase)
    .then((client) =>
      readServerOverview(client, [postgresDatabase, postgresVisibilityDatabase], VALIDATOR_APPLICATION_NAME),
    );
  return context.facts.overview;
}

function schemaCheck(which: "main" | "visibility", options: ValidationOptions): Check {
  const database = which === "main" ? options.postgresDatabase : options.postgresVisibilityDatabase;
  return {
    id: which === "main" ? CHECK_IDS.postgresSchemaMain : CHECK_IDS.postgresSchemaVisibility,
    title: `Schema version of ${database}`,
    category: "schema",
    component: "postgres",
    dependsOn: [CHECK_IDS.postgresDatabases],
    remedy: REMEDIES.schemaMissing,
    async run(context) {
      const client = await context.postgres.connect(database);
      const reading = await readSchemaVersion(client, database);
      if (!reading.found) {
        return fail(
          reading.reason === "no-table"
            ? `${database} has no schema_version table: Temporal's schema was never set up there`
            : `schema_version in ${database} has no row for ${database}: Temporal's schema was never set up there`,
          {
            hint:
              `${schemaSetup(options).creator} creates the schema; ` +
              `${schemaSetup(options).logs} say what stopped it.`,
          },
        );
      }
      const temporalVersion = parseVersion(options.temporalVersion);
      const expectedPair = temporalVersion ? expectedSchemaVersions(temporalVersion, options.dbPlugin) : null;
      const expected = expectedPair ? (which === "main" ? expectedPair.main : expectedPair.visibility) : null;
      const actual = parseVersion(reading.version);
      if (!expected || !actual) {
        return warn(
          `Schema version ${reading.version} in ${database}; Mycelium does ` +
            `not know which version Temporal ${options.temporalVersion} expects`,
        );
      }
      const order = compareVersions(actual, parseVersion(expected)!);
      const detail =
        `SELECT curr_version FROM schema_version WHERE version_partition=0 AND db_name='${database}' → ` +
        `${reading.version}; Temporal ${options.temporalVersion} with ${options.dbPlugin} expects ${expected}`;
      if (order < 0) {
        return fail(`Schema of ${database} is behind: expected ${expected}, found ${reading.version}`, {
          detail,
          remedy: REMEDIES.schemaVersionBehind,
          hint: `Temporal ${options.temporalVersion} refuses to start on it. ${schemaSetup(options).update}`,
        });
      }
      if (order > 0) {
        return warn(
          `Schema of ${database} is newer than Temporal ${options.temporalVersion} ` +
            `expects: expected ${expected}, found ${reading.version}`,
          {
            detail,
            hint:
              "A newer Temporal has upgraded this database; the configured " +
              "version still starts on it, but a downgrade is not supported.",
          },
        );
      }
      return pass(`Schema version ${reading.version} in ${database}, as Temporal ${options.temporalVersion} expects`, {
        detail,
      });
    },
  };
}

export function postgresChecks(options: ValidationOptions): Check[] {
  const {
    postgresHost: host,
    postgresPort: port,
    postgresDatabase: main,
    postgresVisibilityDatabase: visibility,
  } = options;
  return [
    portCheck(
      {
        id: CHECK_IDS.postgresPort,
        label: "PostgreSQL port",
        component: "postgres",
        host,
        port,
        remedy: REMEDIES.postgresConnectionRefused,
      },
      options,
    ),
    {
      id: CHECK_IDS.postgresAuth,
      title: "PostgreSQL login",
      category: "authentication",
      component: "postgres",
      dependsOn: [CHECK_IDS.postgresPort],
      remedy: REMEDIES.postgresConnectionRefused,
      async run(context) {
        try {
          await context.postgres.connect(main);
          // In a concurrent run the visibility database's login starts now, while the
          // server-wide checks use this one; its own errors surface in the schema checks.
          // Not earlier: two backends starting at once on a busy machine slow each other.
          if (options.mode === "concurrent") context.postgres.connect(visibility).catch(() => undefined);
          return pass(`Logged in to ${main} as ${options.postgresUser}`);
        } catch (error) {
          if (!(error instanceof PostgresConnectError) || error.failure.kind !== "database-missing")
            return loginFailure(error, options);
        }
        // The login works but the database is missing: say so once, in the databases check.
        try {
          await context.postgres.connect(MAINTENANCE_DATABASE);
          context.facts.loginDatabase = MAINTENANCE_DATABASE;
          return pass(`Logged in as ${options.postgresUser} (to ${MAINTENANCE_DATABASE}: ${main} does not exist)`);
        } catch (error) {
          return loginFailure(error, options);
        }
      },
    },
    {
      id: CHECK_IDS.postgresVersion,
      title: "PostgreSQL version",
      category: "version",
      component: "postgres",
      dependsOn: [CHECK_IDS.postgresAuth],
      async run(context) {
        const { rawVersion: raw, version } = await serverOverview(context);
        const server = parseVersion(version);
        const temporal = parseVersion(options.temporalVersion);
        if (!server) return warn(`PostgreSQL reports version "${raw}", which Mycelium cannot read`);
        const compatibility = temporal ? postgresCompatibility(temporal, server, options.dbPlugin) : null;
        const detail = `server_version → ${raw}`;
        if (compatibility?.level === "incompatible") {
          return fail(
            `PostgreSQL ${version} does not work with Temporal ${options.temporalVersion}: ${compatibility.reason}`,
            { detail },
          );
        }
        const configured = options.postgresVersion ? parseVersion(options.postgresVersion) : null;
        if (configured && configured.major !== server.major) {
          return warn(
            `PostgreSQL ${version} answers on port ${port}, but the config ` +
              `names ${options.postgresVersion}: is another server using the port?`,
            {
              detail,
              remedy: REMEDIES.portAlreadyInUse,
            },
          );
        }
        if (compatibility?.level === "untested")
          return warn(`PostgreSQL ${version}: ${compatibility.reason}`, { detail });
        return pass(`PostgreSQL ${version}${compatibility ? `: ${compatibility.reason}` : ""}`, { detail });
      },
    },
    {
      id: CHECK_IDS.postgresDatabases,
      title: "Temporal's databases",
      category: "schema",
      component: "postgres",
      dependsOn: [CHECK_IDS.postgresAuth],
      remedy: REMEDIES.schemaMissing,
      async run(context) {
        const found = new Set((await serverOverview(context)).databases);
        const missing = [main, visibility].filter((name) => !found.has(name));
        if (missing.length === 0) return pass(`Databases ${main} and ${visibility} exist`);
        return fail(
          `${missing.length === 2 ? "Databases" : "Database"} ` +
            `${missing.map((n) => `"${n}"`).join(" and ")} ${missing.length === 2 ? "do" : "does"} not exist`,
          {
            hint:
              `${schemaSetup(options).creator} creates both databases; ` +
              `${schemaSetup(options).logs} say what stopped it.`,
          },
        );
      },
    },
    schemaCheck("main", options),
    schemaCheck("visibility", options),
    {
      id: CHECK_IDS.postgresTables,
      title: "Temporal's tables",
      category: "schema",
      component: "postgres",
      dependsOn: [CHECK_IDS.postgresDatabases],
      remedy: REMEDIES.schemaMissing,
      async run(context) {
        const [mainClient, visibilityClient] = await Promise.all([
          context.postgres.connect(main),
          context.postgres.connect(visibility),
        ]);
        const [missingMain, missingVisibility] = await Promise.all([
          findMissingTables(mainClient, REQUIRED_MAIN_TABLES),
          findMissingTables(visibilityClient, REQUIRED_VISIBILITY_TABLES),
        ]);
        if (missingMain.length + missingVisibility.length === 0) {
          return pass(
            `All ${REQUIRED_MAIN_TABLES.length} required tables in ${main} and ` +
              `${REQUIRED_VISIBILITY_TABLES.length} in ${visibility} are present`,
          );
        }
        const parts = [
          missingMain.length ? `in ${main}: ${missingMain.join(", ")}` : null,
          missingVisibility.length ? `in ${visibility}: ${missingVisibility.join(", ")}` : null,
        ].filter(Boolean);
        return fail(`Temporal's tables are missing ${parts.join("; ")}`, {
          hint: "The schema was not set up, or an upgrade stopped half-way; Temporal's logs show which.",
        });
      },
    },
    {
      id: CHECK_IDS.postgresConnections,
      title: "PostgreSQL connection slots",
      category: "capacity",
      component: "postgres",
      dependsOn: [CHECK_IDS.postgresAuth],
      remedy: REMEDIES.tooManyConnections,
      async run(context) {
        const overview = await serverOverview(context);
        const usage = {
          inUse: overview.connectionsInUse,
          max: overview.maxConnections,
          reserved: overview.reservedConnections,
        };
        const share = usage.max > 0 ? usage.inUse / usage.max : 1;
        const percent = Math.round(share * 100);
        const detail =
          `${usage.inUse} client connections (this validation's own included), max_connections=${usage.max}, ` +
          `superuser_reserved_connections=${usage.reserved}. ${describeTemporalConnections()}.`;
        const message = `${usage.inUse} of ${usage.max} connections in use (${percent} %)`;
        const hint =
          "Raise services.postgres.max_connections in the config and redeploy, " +
          "or find the client that holds the connections (pg_stat_activity).";
        if (share >= CONNECTION_FAIL_RATIO)
          return fail(`PostgreSQL is out of connection slots: ${message}`, { detail, hint });
        if (share >= CONNECTION_WARN_RATIO)
          return warn(`PostgreSQL is running out of connection slots: ${message}`, {
            detail,
            hint,
            remedy: REMEDIES.tooManyConnections,
          });
        return pass(message, { detail });
      },
    },
  ];
}
