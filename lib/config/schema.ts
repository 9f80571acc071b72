import { z } from "zod";
import { NAMESPACE_NAME_PATTERN } from "../temporal/namespace-name";

/**
 * The config file of the deployment guide (Step 1), plus what a real deployment needs.
 * Every field carries a description: the editor's field reference is generated from them.
 * Objects are strict so that a typo is an "unknown key" finding, not a silently ignored line.
 */

export const PROJECT_NAME_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;

const port = (fallback: number, what: string) =>
  z
    .number()
    .int()
    .min(1)
    .max(65535)
    .default(fallback)
    .describe(`Host port for ${what} (1–65535). Default ${fallback}.`);

/** Docker memory limit, e.g. `512m`, `2g`; bytes with an optional b/k/m/g suffix. */
export const MEMORY_LIMIT_PATTERN = /^[1-9][0-9]*(\.[0-9]+)?[bkmg]?$/i;

const resources = z
  .strictObject({
    memory: z
      .string()
      .regex(MEMORY_LIMIT_PATTERN, "memory must look like 512m or 2g")
      .optional()
      .describe("Memory limit for the container, as Docker writes it: `512m`, `2g`. Unset means no limit."),
    cpus: z.number().positive().max(512).optional().describe("CPU limit in cores, e.g. `1.5`. Unset means no limit."),
  })
  .prefault({})
  .describe("Memory and CPU limits for this service's container.");

const image = (example: string) =>
  z
    .string()
    .min(1)
    .max(255)
    .regex(/^[a-z0-9][a-z0-9._\-/:@]*$/i, "image must be a Docker image reference such as " + example)
    .optional()
    .describe(
      `Image to run instead of the official one, for a private registry or an offline install ` +
        `(e.g. \`${example}\`). The version field still decides schema and compatibility checks.`,
    );

const versionString = (example: string, what: string) =>
  z
    .string()
    .min(1)
    .describe(`${what} version, quoted (\`"${example}"\`): unquoted, YAML reads 15.10 as the number 15.1.`);

/** A PostgreSQL setting value as written in postgresql.conf: `256MB`, `0.9`, `on`, `200`. */
const postgresSettingValue = z.union([z.string(), z.number(), z.boolean()]);

const redisSchema = z
  .strictObject({
    enabled: z.boolean().default(false).describe("Run a Redis container alongside the stack."),
    version: versionString("7.2", "Redis").default("7.2"),
    port: port(6379, "Redis"),
    image: image("registry.example.com/redis:7.2"),
    resources,
  })
  .prefault({})
  .describe("Optional Redis service (off by default; Temporal does not need it).");

const postgresSchema = z
  .strictObject({
    enabled: z.boolean().default(true).describe("Run PostgreSQL for Temporal's persistence."),
    version: versionString("15.3", "PostgreSQL").default("15.3"),
    port: port(5432, "PostgreSQL"),
    database: z
      .string()
      .regex(/^[a-z_][a-z0-9_]{0,62}$/, "database must be a lower-case SQL identifier such as temporal")
      .default("temporal")
      .describe("Name of Temporal's main database. The visibility database is `<database>_visibility`."),
    user: z
      .string()
      .regex(/^[a-z_][a-z0-9_]{0,62}$/, "user must be a lower-case SQL identifier such as postgres")
      .default("postgres")
      .describe(
        "PostgreSQL role that Temporal connects as. Its password is " +
          "generated on first deploy and kept in the deployment's `.env`.",
      ),
    max_connections: z
      .number()
      .int()
      .min(1)
      .max(10000)
      // RECOMMENDED_MAX_CONNECTIONS (compat.ts, which the browser's bundle does not load; a test holds them equal).
      .default(143)
      .describe(
        "PostgreSQL `max_connections`. Temporal opens about 39 " +
          "as it starts and up to 120 under load (4 services, each " +
          "with pools of 20 main + 10 visibility); 143 leaves room for other clients.",
      ),
    custom_config: z
      .record(z.string(), postgresSettingValue)
      .default({})
      .describe('Extra PostgreSQL settings, passed to the server as `-c name=value`: e.g. `shared_buffers: "256MB"`.'),
    image: image("registry.example.com/postgres:15.3"),
    resources,
    reuse_existing: z
      .boolean()
      .default(false)
      .describe(
        "Use the PostgreSQL server that already listens on `port` on this machine instead " +
          "of starting a container. Temporal reaches it through the Docker host " +
          "(`host.docker.internal`) and logs in as `user`; the deploy wizard (or `mycelium " +
          "deploy reuse-postgres`) tests the password and keeps it in the deployment's `.env`.",
      ),
  })
  .prefault({})
  .describe("The PostgreSQL server that stores Temporal's state.");

const dynamicConfigConstrainedValue = z.strictObject({
  value: z.unknown().describe("The setting's value."),
  constraints: z
    .record(z.string(), z.union([z.string(), z.number()]))
    .default({})
    .describe("Restrict the value to a namespace, taskQueueName or taskType; `{}` applies everywhere."),
});

export const dynamicConfigValue = z.union([
  z.string(),
  z.number(),
  z.boolean(),
  z.array(dynamicConfigConstrainedValue).min(1),
]);

const temporalSchema = z
  .strictObject({
    enabled: z
      .boolean()
      .default(true)
      .describe(
        "Run the Temporal server (temporalio/auto-setup up to " +
          "1.29, temporalio/server with admin-tools jobs from 1.30).",
      ),
    version: versionString("1.22.0", "Temporal server").default("1.22.0"),
    frontend_port: port(7233, "Temporal's frontend gRPC API"),
    ui_port: port(8080, "the Temporal Web UI"),
    namespace: z
      .string()
      .regex(NAMESPACE_NAME_PATTERN, "namespace must be 2–255 letters, digits, '.', '_' or '-'")
      .default("default")
      .describe("Namespace created on first start (`DEFAULT_NAMESPACE`)."),
    namespace_retention: z
      .string()
      .regex(/^[1-9][0-9]*(h|d)$/, "namespace_retention must look like 24h or 3d")
      .default("24h")
      .describe(
        "How long closed workflows of the default namespace are kept: hours (`72h`) or days (`3d`), at least 1h.",
      ),
    ui_enabled: z.boolean().default(true).describe("Run the Temporal Web UI (optional: the server works without it)."),
    ui_version: z
      .string()
      .regex(/^[0-9]+\.[0-9]+\.[0-9]+$/, "ui_version must look like 2.17.1")
      .optional()
      .describe(
        "temporalio/ui version. Unset: the version that Temporal's own compose files paired with this server version.",
      ),
    db_plugin: z
      .enum(["postgresql", "postgres", "postgres12", "postgres12_pgx"])
      .optional()
      .describe(
        "Temporal's SQL plugin (`DB`). Unset: chosen from the Temporal " +
          "and PostgreSQL versions (`postgres12` where both allow it).",
      ),
    history_shards: z
      .number()
      .int()
      .min(1)
      .max(16384)
      .default(4)
      .describe(
        "Number of history shards (`NUM_HISTORY_SHARDS`). Fixed once the " +
          "cluster is initialised: a later change is ignored by the server.",
      ),
    dynamic_config: z
      .record(z.string(), dynamicConfigValue)
      .default({})
      .describe(
        "Temporal dynamic-config entries written to `development-sql.yaml`, " +
          "e.g. `frontend.rps: 2400` or a list of `{value, constraints}`.",
      ),
    image: image("registry.example.com/temporalio/auto-setup:1.22.0"),
    admin_tools_image: image("registry.example.com/temporalio/admin-tools:1.32.2").describe(
      "Image of the schema, dynamic-config and namespace jobs of a 1.30+ " +
        "stack. Unset: temporalio/admin-tools of the server's version.",
    ),
    ui_image: image("registry.example.com/temporalio/ui:2.17.1"),
    resources,
    ui_resources: resources.describe("Memory and CPU limits for the Web UI container."),
  })
  .prefault({})
  .describe("The Temporal server and its Web UI.");

export const configSchema = z
  .strictObject({
    version: z
      .literal("1.0", { message: 'version must be "1.0" (quoted): the only schema version Mycelium knows' })
      .default("1.0")
      .describe('Schema version of this file. Always `"1.0"`.'),
    project_name: z
      .string()
      .regex(
        PROJECT_NAME_PATTERN,
        "project_name must be 1–63 characters of a–z, 0–9 and '-', starting with a letter or digit",
      )
      .default("temporal-deployment")
      .describe("Names the containers (`<project>-postgres`), network, volumes and the deployment folder."),
    deployment: z
      .strictObject({
        method: z
          .literal("docker-compose", {
            message: "method must be docker-compose: the only method Mycelium deploys with",
          })
          .default("docker-compose")
          .describe(
            "How the stack is run. `docker-compose`: containers on the " +
              "local Docker engine, with a compose file you can take away.",
          ),
        auto_start: z
          .boolean()
          .default(true)
          .describe("Start the containers at the end of a deploy (false: create them stopped)."),
        healthcheck_timeout: z
          .number()
          .int()
          .min(10)
          .max(3600)
          .default(90)
          .describe("Seconds to wait for every container to turn healthy before a deploy is reported failed."),
        bind_address: z
          .string()
          .regex(/^(\d{1,3}\.){3}\d{1,3}$|^::1?$/, "bind_address must be an IP address such as 127.0.0.1")
          .default("127.0.0.1")
          .describe(
            "Host address the ports are published on. Keep 127.0.0.1 unless other machines must reach the stack.",
          ),
      })
      .prefault({})
      .describe("How and where the stack is deployed."),
    services: z
      .strictObject({
        redis: redisSchema,
        postgres: postgresSchema,
        temporal: temporalSchema,
      })
      .prefault({})
      .describe("The services of the stack."),
  })
  .describe("Mycelium configuration (`~/.config/mycelium/config.yaml`).");

export type MyceliumConfig = z.output<typeof configSchema>;
export type MyceliumConfigInput = z.input<typeof configSchema>;
export type DynamicConfigValue = z.output<typeof dynamicConfigValue>;

export function defaultConfig(): MyceliumConfig {
  return configSchema.parse({});
}

/** The project uses a PostgreSQL that already runs on this machine, not a container of its own. */
export function reusesExistingPostgres(config: MyceliumConfig): boolean {
  return config.services.postgres.enabled && config.services.postgres.reuse_existing;
}
