import { CHECK_IDS, REMEDIES } from "../validation/check-ids";
import type { Fix, KnowledgeEntry } from "./diagnosis-types";
import { anyOf, checkOf, containerOf, countLines, findLine, isDown, onCheck, onContainer, onLine } from "./evidence";

/**
 * Known failures of Temporal 1.22 + PostgreSQL in Docker (temporal-postgres-facts.md §6),
 * with the message each is recognised by. #16 and #17 are the guide's memory and port
 * entries (guide-entries.ts).
 */

const restartTemporal = (label: string): Fix => ({ kind: "restart-container", label, safe: true, service: "temporal" });
const redeploy = (label: string): Fix => ({ kind: "redeploy", label, safe: true });
const regenerateDynamicConfig: Fix = {
  kind: "regenerate-dynamic-config",
  label: "Write the dynamic config file again and redeploy",
  safe: true,
};

const DYNAMIC_CONFIG_UNREADABLE = /unable to create dynamic config client/i;

/** #1 */
export const dynamicConfigMissing: KnowledgeEntry = {
  id: "dynamic-config-missing",
  title: "Dynamic config file missing",
  sources: [{ facts: 1 }, { guide: "Troubleshooting › Issue: Temporal Fails to Start" }],
  layer: 4,
  matches: (e) => {
    // 1.22 says "Unable to…", the 1.30+ server "unable to…".
    const line = findLine(e, DYNAMIC_CONFIG_UNREADABLE);
    if (!line || /is a directory/.test(line.text)) return null;
    return onLine(e, DYNAMIC_CONFIG_UNREADABLE, 90);
  },
  whatHappened: "Temporal stopped at start: it cannot read its dynamic config file.",
  why:
    "DYNAMIC_CONFIG_FILE_PATH names a file the server cannot read: missing, " +
    "or not readable by its user. No image ships development-sql.yaml: " +
    "up to 1.29 it comes from the deployment's config/dynamicconfig " +
    "directory, mounted into the container; from 1.30 the temporal-config job " +
    "writes it into the temporal-dynamic-config volume before the server starts.",
  commands: [
    "docker logs {project}-temporal --tail 20",
    "docker logs {project}-temporal-config",
    "ls -la ~/.local/share/mycelium/deployments/{project}/config/dynamicconfig/",
    "docker inspect {project}-temporal --format '{{range .Mounts}}{{.Source}} -> {{.Destination}}{{println}}{{end}}'",
  ],
  fix: regenerateDynamicConfig,
};

/** #2 */
export const postgresWaitLoop: KnowledgeEntry = {
  id: "postgres-wait-loop",
  title: "Temporal waits for PostgreSQL forever",
  sources: [{ facts: 2 }],
  layer: 1,
  matches: (e) => {
    const waits = countLines(e, /Waiting for PostgreSQL to startup\./);
    // A frontend that is SERVING got past the wait: its missing connections have another cause.
    const serving = checkOf(e, CHECK_IDS.temporalHealth)?.status === "pass";
    return anyOf(
      waits >= 3
        ? {
            score: Math.min(90, 60 + waits),
            because: [
              `${findLine(e, /Waiting for PostgreSQL to startup\./)!.source}: ` +
                `"Waiting for PostgreSQL to startup." ×${waits}`,
            ],
          }
        : null,
      serving ? null : onCheck(e, CHECK_IDS.integrationConnections, 50),
    );
  },
  whatHappened: "Temporal's start-up is stuck waiting for the database.",
  why:
    "auto-setup loops on `nc -z <POSTGRES_SEEDS> <DB_PORT>` with no timeout. It never ends when the host " +
    "name is wrong or not on the same network, or when DB_PORT is unset and defaults to 3306 (MySQL's port).",
  commands: [
    "docker exec {project}-temporal env | grep -E '^(DB|DB_PORT|POSTGRES_SEEDS)='",
    "docker network inspect {project}_default --format '{{range .Containers}}{{.Name}} {{end}}'",
  ],
  fix: redeploy("Redeploy: the generated stack sets DB_PORT=5432 and POSTGRES_SEEDS=postgres on one network"),
};

/** #3 */
export const schemaVersionBehind: KnowledgeEntry = {
  id: "schema-version-behind",
  title: "Schema version behind the server",
  sources: [{ facts: 3 }],
  layer: 3,
  matches: (e) =>
    anyOf(
      onCheck(e, CHECK_IDS.postgresSchemaMain, 90, { remedy: REMEDIES.schemaVersionBehind }),
      onCheck(e, CHECK_IDS.postgresSchemaVisibility, 90, { remedy: REMEDIES.schemaVersionBehind }),
      onLine(e, /Expected version: [\d.]+ cannot be greater than Actual version/, 80),
    ),
  whatHappened: "The database schema is older than the Temporal version needs.",
  why:
    "The server refuses to start on a schema below the version it expects (`Expected version: 1.10 " +
    "cannot be greater than Actual version: 1.9`). The upgrade did not run: SKIP_SCHEMA_SETUP, an " +
    "earlier failure that 1.22's auto-setup ignores, or a server upgrade without update-schema.",
  commands: [
    "docker exec {project}-postgres psql -U {postgresUser} -d " +
      '{database} -c "SELECT db_name, curr_version FROM schema_version"',
    "docker logs {project}-temporal 2>&1 | grep -i 'schema'",
  ],
  // From 1.30 the schema job migrates, not the server's start: running it again is the upgrade.
  chooseFix: (e) =>
    containerOf(e, "temporal-schema")
      ? {
          kind: "restart-container",
          label: "Run the schema job again: its update-schema brings the schema up to date",
          safe: true,
          service: "temporal-schema",
        }
      : restartTemporal("Restart Temporal: auto-setup runs update-schema on start"),
};

/** #4 */
export const schemaMissing: KnowledgeEntry = {
  id: "schema-missing",
  title: "Database or schema never created",
  sources: [{ facts: 4 }],
  layer: 3,
  matches: (e) =>
    anyOf(
      onCheck(e, CHECK_IDS.postgresDatabases, 85),
      onCheck(e, CHECK_IDS.postgresSchemaMain, 80, { remedy: REMEDIES.schemaMissing }),
      onCheck(e, CHECK_IDS.postgresSchemaVisibility, 80, { remedy: REMEDIES.schemaMissing }),
      onCheck(e, CHECK_IDS.postgresTables, 60),
      onLine(
        e,
        /relation "schema_version" does not exist|database "[^"]+" does not exist|unable to read DB schema version/,
        75,
      ),
    ),
  whatHappened: "Temporal's database or its schema does not exist.",
  why:
    "auto-setup creates both databases and loads the schema on start; it did not: SKIP_SCHEMA_SETUP " +
    "or SKIP_DB_CREATE was set, it failed earlier, or POSTGRES_USER equals the database name " +
    "while the postgres container's POSTGRES_DB differs (then nobody creates it).",
  commands: [
    "docker exec {project}-postgres psql -U {postgresUser} -l",
    "docker logs {project}-temporal 2>&1 | grep -iE 'database|schema' | tail -20",
  ],
  fix: restartTemporal("Restart Temporal: auto-setup creates the databases and schema"),
};

/** #5 */
export const unsupportedDbPlugin: KnowledgeEntry = {
  id: "unsupported-db-plugin",
  title: "Wrong DB value for this Temporal version",
  sources: [{ facts: 5 }],
  layer: 4,
  matches: (e) =>
    anyOf(
      onLine(e, /Unsupported DB type: |Unsupported driver specified/, 85),
      onCheck(e, CHECK_IDS.temporalPersistence, 70),
    ),
  whatHappened: "Temporal does not persist through the PostgreSQL plugin the stack needs.",
  why:
    "The DB variable names a plugin this image does not know (`postgres12_pgx` only exists " +
    "from 1.24; `postgresql` is gone from 1.24), or names another database altogether.",
  commands: [
    "docker exec {project}-temporal env | grep '^DB='",
    "docker logs {project}-temporal 2>&1 | grep -i unsupported",
  ],
  fix: redeploy("Redeploy with the plugin Mycelium picks for this Temporal version"),
};

/** #6 */
export const postgresPasswordFailed: KnowledgeEntry = {
  id: "postgres-password-failed",
  title: "PostgreSQL password rejected",
  sources: [{ facts: 6 }],
  layer: 2,
  matches: (e) =>
    anyOf(
      onCheck(e, CHECK_IDS.postgresAuth, 90, { remedy: REMEDIES.postgresPasswordFailed }),
      onLine(e, /password authentication failed for user/, 75),
    ),
  whatHappened: "PostgreSQL rejected the password.",
  why:
    "The password sent is not the one PostgreSQL has. The postgres image applies POSTGRES_PASSWORD " +
    "only when it initialises an empty data volume, so a volume kept from an earlier deploy " +
    "keeps its old password; special characters can also break Temporal's connection string.",
  commands: [
    "docker logs {project}-postgres --tail 20 2>&1 | grep -i 'authentication failed'",
    "docker exec {project}-postgres psql -U {postgresUser} -d {database} -c 'SELECT 1'",
    "ls -l ~/.local/share/mycelium/deployments/{project}/.env",
  ],
};

/** #7 */
export const postgresTlsRequired: KnowledgeEntry = {
  id: "postgres-tls-required",
  title: "PostgreSQL requires TLS",
  sources: [{ facts: 7 }],
  layer: 2,
  matches: (e) =>
    anyOf(
      onCheck(e, CHECK_IDS.postgresAuth, 90, { remedy: REMEDIES.postgresTlsRequired }),
      onLine(e, /no pg_hba\.conf entry for host/, 75),
    ),
  whatHappened: "PostgreSQL refuses unencrypted connections.",
  why:
    "The server's pg_hba.conf only accepts TLS (e.g. RDS with rds.force_ssl=1), and Temporal connects " +
    "with sslmode=disable unless SQL_TLS_ENABLED=true (server) and SQL_TLS=true (sql tool) are set.",
  commands: ["docker exec {project}-postgres cat /var/lib/postgresql/data/pg_hba.conf"],
};

/** A statement for a reused server's administrator (ADMIN: a role that may run it) to run. */
const asAdmin = (database: string, sql: string) =>
  `psql "postgresql://ADMIN@127.0.0.1:{postgresPort}/${database}" -c '${sql}'`;

/**
 * #8, and its PostgreSQL 15+ sibling, in temporal-sql-tool's words (admin-tools 1.32.2 against
 * PostgreSQL 15; auto-setup prints the same from the server's container):
 *   Unable to create SQL database. {"error": "pq: permission denied to create database (42501)"}
 *   Unable to setup SQL schema. {"error": "pq: permission denied for schema public at column 28 (42501)"}
 */
export const permissionDeniedCreateDatabase: KnowledgeEntry = {
  id: "permission-denied-create-database",
  title: "PostgreSQL refused the schema setup: the user lacks privileges",
  sources: [{ facts: 8 }],
  layer: 3,
  matches: (e) => onLine(e, /permission denied (to create database|for (schema|database) )/, 95),
  whatHappened: "PostgreSQL refused to let Temporal's user create its databases or the tables in them.",
  why:
    "The schema step creates both databases (CREATEDB), then its " +
    "tables in their public schema. Since PostgreSQL 15 only a " +
    "database's owner may create in its public schema, so an " +
    "ordinary user of a reused server is refused unless it owns the " +
    "databases. A PostgreSQL that Mycelium runs gives its user every right: this is a reuse_existing problem.",
  commands: [
    "docker logs {project}-temporal-schema --tail 30",
    asAdmin("postgres", "ALTER ROLE {postgresUser} CREATEDB"),
    asAdmin("postgres", "ALTER DATABASE {database} OWNER TO {postgresUser}"),
  ],
  fix: redeploy("Redeploy once the user has the rights: the schema step runs again"),
};

/*
 * The visibility schema's extension, refused to a reused PostgreSQL's ordinary user, in
 * temporal-sql-tool's words (admin-tools 1.32.2 against PostgreSQL 15; auto-setup 1.20–1.29
 * prints the same from the server's container):
 *   Unable to update SQL schema. {"error": "… pq: permission denied to create extension \"btree_gin\" (42501)"}
 */
const BTREE_GIN_REFUSED = /extension \\?"?btree_gin|btree_gin\.control/i;

export const btreeGinUnavailable: KnowledgeEntry = {
  id: "btree-gin-unavailable",
  title: "PostgreSQL cannot give the visibility schema its btree_gin extension",
  sources: [{ currentTemporal: "§2 PostgreSQL" }],
  layer: 3,
  matches: (e) => onLine(e, BTREE_GIN_REFUSED, 96),
  whatHappened: "The schema step could not create the btree_gin extension, which Temporal's visibility schema needs.",
  why:
    "The visibility schema for PostgreSQL 12+ starts with CREATE " +
    "EXTENSION btree_gin. The extension ships with PostgreSQL's " +
    "contrib modules (the official postgres image has them; some " +
    "minimal builds do not), and from PostgreSQL 13 any user " +
    "with CREATE on the database may create it; before 13, or without that right, only a superuser may.",
  commands: [
    "docker logs {project}-temporal-schema --tail 30",
    `psql "postgresql://{postgresUser}@127.0.0.1:{postgresPort}/postgres" -c "SELECT * FROM pg_available_extensions WHERE name = 'btree_gin'"`,
    asAdmin("temporal_visibility", "CREATE EXTENSION IF NOT EXISTS btree_gin"),
  ],
  fix: redeploy("Redeploy once the extension exists: the schema job runs again"),
};

/** #9 */
export const cliLoopbackAddress: KnowledgeEntry = {
  id: "cli-loopback-address",
  title: "CLI inside the container dials 127.0.0.1",
  sources: [{ facts: 9 }],
  layer: 5,
  matches: (e) =>
    onLine(
      e,
      // eslint-disable-next-line max-len
      /unable to health check .*127\.0\.0\.1:7233: connect: connection refused|dial tcp 127\.0\.0\.1:7233: connect: connection refused/,
      70,
    ),
  whatHappened: "A command inside the Temporal container cannot reach the frontend on 127.0.0.1:7233.",
  why:
    "The frontend binds to the container's own IP, not to loopback, so `tctl`/`temporal` " +
    "inside the container need --address $(hostname -i):7233 or TEMPORAL_ADDRESS=temporal:7233.",
  commands: ["docker exec {project}-temporal sh -c 'temporal operator cluster health --address $(hostname -i):7233'"],
  fix: redeploy("Redeploy: the generated stack sets TEMPORAL_ADDRESS for the bundled CLIs"),
};

/** #10 */
export const broadcastAddressRequired: KnowledgeEntry = {
  id: "broadcast-address-required",
  title: "Broadcast address required",
  sources: [{ facts: 10 }],
  layer: 4,
  matches: (e) => onLine(e, /broadcastAddress required when listening on all interfaces/, 90),
  whatHappened: "Temporal refused to start listening on every interface.",
  why:
    "BIND_ON_IP=0.0.0.0 on a 1.22 image needs TEMPORAL_BROADCAST_ADDRESS " +
    "(an IP); leave BIND_ON_IP at its default (the container's IP) instead.",
  commands: ["docker exec {project}-temporal env | grep -E 'BIND_ON_IP|BROADCAST'"],
  fix: redeploy("Redeploy: the generated stack leaves BIND_ON_IP at its default"),
};

/** #11 */
export const namespaceNotFound: KnowledgeEntry = {
  id: "namespace-not-found",
  title: "Namespace not found",
  sources: [{ facts: 11 }],
  layer: 6,
  matches: (e) =>
    anyOf(
      onCheck(e, CHECK_IDS.temporalNamespace, 90, { message: /is not found/ }),
      onCheck(e, CHECK_IDS.integrationNamespace, 60),
      onLine(e, /Namespace \S+ is not found\./, 60),
    ),
  whatHappened: "The configured namespace does not exist (yet).",
  why:
    "auto-setup registers the default namespace in the background once the frontend is SERVING, and the " +
    "namespace cache needs a few seconds more; a namespace other than the default must be registered by hand.",
  commands: [
    "docker exec {project}-temporal tctl --namespace {namespace} namespace describe",
    "docker exec {project}-temporal tctl namespace list",
  ],
  fix: {
    kind: "wait-and-recheck",
    label: "Wait a few seconds for the namespace to be registered, then check again",
    safe: true,
  },
};

/** #12 */
export const frontendNotReady: KnowledgeEntry = {
  id: "frontend-not-ready",
  title: "Temporal frontend not reachable or not ready",
  sources: [{ facts: 12 }],
  layer: 5,
  matches: (e) =>
    anyOf(
      onCheck(e, CHECK_IDS.temporalHealth, 80, { remedy: REMEDIES.frontendNotReady }),
      onCheck(e, CHECK_IDS.temporalPort, 75),
      onLine(
        e,
        /Failed to connect before the deadline|failed reaching server|Failed to connect to Temporal server/,
        55,
      ),
    ),
  whatHappened: "Temporal's frontend does not answer, or answers that it is not ready.",
  why:
    "The server is stopped or still starting (the frontend reports NOT_SERVING until its services have joined), " +
    "or the address is wrong. Clients need readiness gating and a connect timeout longer than the start-up.",
  commands: ["docker ps --all --filter name={project}-temporal", "docker logs {project}-temporal --tail 50"],
  chooseFix: (e) => {
    const container = containerOf(e, "temporal");
    if (isDown(container)) return restartTemporal("Start the Temporal container again");
    const health = checkOf(e, CHECK_IDS.temporalHealth);
    if (/NOT_SERVING/.test(health?.message ?? "") || container?.health === "starting") {
      return { kind: "wait-and-recheck", label: "Wait for the frontend to turn SERVING, then check again", safe: true };
    }
    return undefined;
  },
};

/** #13 */
export const schemaPartialUpgrade: KnowledgeEntry = {
  id: "schema-partial-upgrade",
  title: "Schema upgrade stopped half-way",
  sources: [{ facts: 13 }],
  layer: 3,
  matches: (e) => {
    const exists = onLine(e, /relation \\?"[^"\\]+\\?" already exists/, 75);
    if (!exists) return null;
    const broken = anyOf(
      onCheck(e, CHECK_IDS.postgresSchemaMain, 75),
      onCheck(e, CHECK_IDS.postgresSchemaVisibility, 75),
      onLine(e, /Unable to update SQL schema|Expected version: .* cannot be greater than/, 75),
      onContainer(
        e,
        "temporal",
        70,
        (c) => isDown(c) || c.state === "restarting",
        (c) => c.state,
      ),
    );
    return broken ? anyOf(exists, broken) : null;
  },
  whatHappened: "An upgrade created tables but did not record the new schema version, and every retry stops on them.",
  why:
    "Temporal's versioned schema upgrades are not transactional: a crash part-way leaves tables without " +
    "the matching schema_version bump, and update-schema then fails with `relation … already exists`.",
  commands: [
    "docker exec {project}-postgres psql -U {postgresUser} -d {database} -c " +
      '"SELECT * FROM schema_update_history ORDER BY update_time DESC LIMIT 5"',
    "docker logs {project}-temporal 2>&1 | grep -B2 'already exists'",
  ],
};

/** #14 */
export const tooManyConnections: KnowledgeEntry = {
  id: "too-many-connections",
  title: "PostgreSQL out of connections",
  sources: [{ facts: 14 }],
  layer: 2,
  matches: (e) =>
    anyOf(
      onCheck(e, CHECK_IDS.postgresAuth, 90, { remedy: REMEDIES.tooManyConnections }),
      onCheck(e, CHECK_IDS.postgresConnections, 85),
      onCheck(e, CHECK_IDS.postgresConnections, 55, { statuses: ["warn"] }),
      onLine(e, /sorry, too many clients already|remaining connection slots are reserved/, 75),
    ),
  whatHappened: "PostgreSQL's connection slots are (nearly) used up.",
  why:
    "max_connections (100 by default) counts every client; Temporal's pools alone may open 20 + 10 " +
    "(SQL_MAX_CONNS, SQL_VIS_MAX_CONNS), and the last superuser_reserved_connections slots are kept for " +
    "superusers.",
  commands: [
    'docker exec {project}-postgres psql -U {postgresUser} -c "SELECT datname, usename, ' +
      'application_name, count(*) FROM pg_stat_activity GROUP BY 1,2,3 ORDER BY 4 DESC"',
    "docker exec {project}-postgres psql -U {postgresUser} -c 'SHOW max_connections'",
  ],
};

/** #15 */
export const searchAttributeExists: KnowledgeEntry = {
  id: "search-attribute-exists",
  title: "Search attribute already exists (harmless)",
  sources: [{ facts: 15 }],
  layer: 9,
  harmless: true,
  matches: (e) => onLine(e, /Search attribute \S+ already exists/, 30),
  whatHappened: "A log says a search attribute already exists.",
  why:
    "auto-setup adds the Custom*Field search attributes on every start, in " +
    "the background; after the first start they exist. No action needed.",
  commands: ["docker exec {project}-temporal tctl admin cluster get-search-attributes"],
};

/** #18 */
export const execFormatError: KnowledgeEntry = {
  id: "exec-format-error",
  title: "Image built for another CPU architecture",
  sources: [{ facts: 18 }],
  layer: 4,
  matches: (e) => onLine(e, /exec format error/i, 90),
  whatHappened: "The container's binary cannot run on this machine.",
  why: "The image was built for another CPU architecture (the bad arm64 build of 1.23.1 is the known case).",
  commands: [
    "docker image inspect $(docker inspect {project}-temporal --format '{{.Image}}') --format '{{.Architecture}}'",
    "uname -m",
  ],
};

/** #19 */
export const dynamicConfigIsDirectory: KnowledgeEntry = {
  id: "dynamic-config-is-directory",
  title: "Dynamic config path is a directory",
  sources: [{ facts: 19 }],
  layer: 4,
  matches: (e) => onLine(e, /dynamic config.*is a directory/i, 90),
  whatHappened: "Temporal stopped at start: its dynamic config path is a directory.",
  why:
    "DYNAMIC_CONFIG_FILE_PATH must name a file; a bind mount of " +
    "a missing file makes Docker create a directory in its place.",
  commands: ["ls -la ~/.local/share/mycelium/deployments/{project}/config/dynamicconfig/"],
  fix: regenerateDynamicConfig,
};

export const KNOWN_FAILURES: KnowledgeEntry[] = [
  dynamicConfigMissing,
  postgresWaitLoop,
  schemaVersionBehind,
  schemaMissing,
  unsupportedDbPlugin,
  postgresPasswordFailed,
  postgresTlsRequired,
  permissionDeniedCreateDatabase,
  btreeGinUnavailable,
  cliLoopbackAddress,
  broadcastAddressRequired,
  namespaceNotFound,
  frontendNotReady,
  schemaPartialUpgrade,
  tooManyConnections,
  searchAttributeExists,
  execFormatError,
  dynamicConfigIsDirectory,
];
