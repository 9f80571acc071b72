import { formatPostgresSettingArgs } from "../config/postgres-settings";
import { reusesExistingPostgres, type MyceliumConfig } from "../config/schema";
import type { DbPlugin, Version } from "../config/compat";
import { renderDynamicConfigYaml } from "./render-dynamic-config";
import type { ComposeProject, ComposeService, Healthcheck } from "./compose-model";

/** What the plan decided, on top of the config: the values a deploy actually uses. */
export interface StackDecisions {
  ports: { postgres: number; temporal: number; ui: number; redis: number };
  images: { postgres: string; temporal: string; ui: string; redis: string };
  dbPlugin: DbPlugin;
  temporalVersion: Version;
  postgresMajor: number;
}

export const DYNAMIC_CONFIG_DIR = "config/dynamicconfig";
export const DYNAMIC_CONFIG_FILE = "development-sql.yaml";
export const POSTGRES_DATA_VOLUME = "postgres-data";
export const REDIS_DATA_VOLUME = "redis-data";
/**
 * The `.env` keys; passwords are only ever referenced, never written into the compose file.
 * A reused server's password has a key of its own, so switching between our container and a
 * reused server never overwrites the password of the data volume.
 */
export const ENV_KEYS = {
  user: "POSTGRES_USER",
  password: "POSTGRES_PASSWORD",
  database: "POSTGRES_DB",
  reusedPassword: "REUSED_POSTGRES_PASSWORD",
} as const;

/** The `.env` keys that hold passwords: masked in every view, redacted from every output. */
export const PASSWORD_ENV_KEYS: readonly string[] = [ENV_KEYS.password, ENV_KEYS.reusedPassword];

/** The name a container reaches this machine by (Docker ≥ 20.10 resolves `host-gateway`). */
export const DOCKER_HOST_ALIAS = "host.docker.internal";

const POSTGRES_PORT_IN_CONTAINER = 5432;
const TEMPORAL_PORT_IN_CONTAINER = 7233;
const UI_PORT_IN_CONTAINER = 8080;
const REDIS_PORT_IN_CONTAINER = 6379;

/**
 * Retention for DEFAULT_NAMESPACE_RETENTION, in hours: every `temporal` CLI reads a Go duration
 * such as `72h`, while a bare number of days works only with the pre-0.12 CLIs (v0.12 refuses
 * `--retention 3`: "missing unit in duration") and `3d` only from v1.
 */
export function namespaceRetentionEnv(retention: string): string {
  return retention.endsWith("d") ? `${Number(retention.slice(0, -1)) * 24}h` : retention;
}

/** The official image keeps data in /var/lib/postgresql/data up to 17; 18 moved it one level up. */
export function postgresDataTarget(postgresMajor: number): string {
  return postgresMajor >= 18 ? "/var/lib/postgresql" : "/var/lib/postgresql/data";
}

function seconds(total: number, interval: number): number {
  return Math.max(3, Math.ceil(total / interval));
}

/**
 * Build the stack for a config and the plan's decisions. Pure: the same input gives the same
 * project, which is what makes redeploys idempotent (config hashes are computed from it).
 */
export function buildComposeProject(config: MyceliumConfig, decisions: StackDecisions): ComposeProject {
  const project = config.project_name;
  const bind = config.deployment.bind_address;
  const { postgres, temporal, redis } = config.services;
  const timeout = config.deployment.healthcheck_timeout;
  const services: ComposeService[] = [];
  const volumes: string[] = [];
  const files: ComposeProject["files"] = [];

  // Healthchecks retry for the whole deploy timeout, so a slow first start is not a failure.
  const health = (shellCommand: string, interval: number, startPeriod: number): Healthcheck => ({
    shellCommand,
    intervalSeconds: interval,
    timeoutSeconds: 5,
    retries: seconds(timeout, interval),
    startPeriodSeconds: startPeriod,
  });

  const reusesPostgres = reusesExistingPostgres(config);
  const runsPostgres = postgres.enabled && !reusesPostgres;
  if (runsPostgres) {
    volumes.push(POSTGRES_DATA_VOLUME);
    services.push({
      name: "postgres",
      containerName: `${project}-postgres`,
      image: decisions.images.postgres,
      command: ["postgres", ...formatPostgresSettingArgs(postgres.custom_config, postgres.max_connections)],
      environment: {
        POSTGRES_USER: { secret: ENV_KEYS.user },
        POSTGRES_PASSWORD: { secret: ENV_KEYS.password },
        POSTGRES_DB: postgres.database,
      },
      ports: [{ hostIp: bind, hostPort: decisions.ports.postgres, containerPort: POSTGRES_PORT_IN_CONTAINER }],
      mounts: [{ type: "volume", volume: POSTGRES_DATA_VOLUME, target: postgresDataTarget(decisions.postgresMajor) }],
      // Over TCP: during first init the image runs a socket-only server that must not count as ready.
      healthcheck: health(`pg_isready -h 127.0.0.1 -p ${POSTGRES_PORT_IN_CONTAINER} -U "$POSTGRES_USER" -d "$POSTGRES_DB"`, 3, 5),
      extraHosts: [],
      dependsOn: [],
      memoryLimit: postgres.resources.memory ?? null,
      cpus: postgres.resources.cpus ?? null,
    });
  }

  if (temporal.enabled) {
    files.push({
      path: `${DYNAMIC_CONFIG_DIR}/${DYNAMIC_CONFIG_FILE}`,
      content: renderDynamicConfigYaml(temporal.dynamic_config),
      mode: 0o644,
    });
    services.push({
      name: "temporal",
      containerName: `${project}-temporal`,
      image: decisions.images.temporal,
      command: null,
      environment: {
        DB: decisions.dbPlugin,
        // auto-setup's wait loop defaults to 3306 (MySQL) when DB_PORT is unset.
        // A reused server is reached on its host port through the Docker host.
        DB_PORT: String(reusesPostgres ? postgres.port : POSTGRES_PORT_IN_CONTAINER),
        POSTGRES_SEEDS: reusesPostgres ? DOCKER_HOST_ALIAS : "postgres",
        POSTGRES_USER: { secret: ENV_KEYS.user },
        POSTGRES_PWD: { secret: reusesPostgres ? ENV_KEYS.reusedPassword : ENV_KEYS.password },
        DBNAME: postgres.database,
        VISIBILITY_DBNAME: `${postgres.database}_visibility`,
        DEFAULT_NAMESPACE: temporal.namespace,
        DEFAULT_NAMESPACE_RETENTION: namespaceRetentionEnv(temporal.namespace_retention),
        NUM_HISTORY_SHARDS: String(temporal.history_shards),
        DYNAMIC_CONFIG_FILE_PATH: `${DYNAMIC_CONFIG_DIR}/${DYNAMIC_CONFIG_FILE}`,
        // The frontend binds to the container's IP, not 127.0.0.1: point the bundled CLIs at it.
        TEMPORAL_ADDRESS: `temporal:${TEMPORAL_PORT_IN_CONTAINER}`,
        TEMPORAL_CLI_ADDRESS: `temporal:${TEMPORAL_PORT_IN_CONTAINER}`,
        // No outbound version check from a local, possibly offline, stack.
        TEMPORAL_VERSION_CHECK_DISABLED: "1",
      },
      ports: [{ hostIp: bind, hostPort: decisions.ports.temporal, containerPort: TEMPORAL_PORT_IN_CONTAINER }],
      mounts: [{ type: "bind", source: `./${DYNAMIC_CONFIG_DIR}`, target: "/etc/temporal/config/dynamicconfig", readOnly: true }],
      // The status itself is matched, anchored: the CLI of the 1.22 images (v0.10/v0.11) prints
      // "…WorkflowService: SERVING" and exits 0 on NOT_SERVING too; v0.12 and later print "SERVING".
      healthcheck: health(
        `temporal operator cluster health --address "$(hostname -i):${TEMPORAL_PORT_IN_CONTAINER}" | grep -qE '(^|: )SERVING$'`,
        5,
        20,
      ),
      extraHosts: reusesPostgres ? [`${DOCKER_HOST_ALIAS}:host-gateway`] : [],
      dependsOn: runsPostgres ? ["postgres"] : [],
      memoryLimit: temporal.resources.memory ?? null,
      cpus: temporal.resources.cpus ?? null,
    });

    if (temporal.ui_enabled) {
      services.push({
        name: "temporal-ui",
        containerName: `${project}-temporal-ui`,
        image: decisions.images.ui,
        command: null,
        environment: {
          TEMPORAL_ADDRESS: `temporal:${TEMPORAL_PORT_IN_CONTAINER}`,
          TEMPORAL_UI_PORT: String(UI_PORT_IN_CONTAINER),
          TEMPORAL_DEFAULT_NAMESPACE: temporal.namespace,
          TEMPORAL_CORS_ORIGINS: `http://localhost:${decisions.ports.ui},http://127.0.0.1:${decisions.ports.ui}`,
          TEMPORAL_NOTIFY_ON_NEW_VERSION: "false",
        },
        ports: [{ hostIp: bind, hostPort: decisions.ports.ui, containerPort: UI_PORT_IN_CONTAINER }],
        mounts: [],
        healthcheck: health(`wget -q -O /dev/null http://127.0.0.1:${UI_PORT_IN_CONTAINER}/healthz`, 5, 5),
        extraHosts: [],
        dependsOn: ["temporal"],
        memoryLimit: temporal.ui_resources.memory ?? null,
        cpus: temporal.ui_resources.cpus ?? null,
      });
    }
  }

  if (redis.enabled) {
    volumes.push(REDIS_DATA_VOLUME);
    services.push({
      name: "redis",
      containerName: `${project}-redis`,
      image: decisions.images.redis,
      command: null,
      environment: {},
      ports: [{ hostIp: bind, hostPort: decisions.ports.redis, containerPort: REDIS_PORT_IN_CONTAINER }],
      mounts: [{ type: "volume", volume: REDIS_DATA_VOLUME, target: "/data" }],
      healthcheck: health("redis-cli ping | grep -q PONG", 3, 3),
      extraHosts: [],
      dependsOn: [],
      memoryLimit: redis.resources.memory ?? null,
      cpus: redis.resources.cpus ?? null,
    });
  }

  return { name: project, services, volumes, files };
}
