/**
 * THE list of what a Mycelium stack is made of: every long-running service and one-shot job,
 * with its role, dependencies, host port, container and what logs, backup, diagnosis and fixes
 * need to know about it. Everything else derives from this registry; adding a service or a job
 * is adding an entry here.
 */
import { formatPostgresSettingArgs } from "../config/postgres-settings";
import { reusesExistingPostgres, type MyceliumConfig } from "../config/schema";
import { isServiceName, SERVICE_NAMES, type ServiceName } from "./service-names";
import type { ComposeProject, ComposeService, EnvValue, Healthcheck } from "../compose/compose-model";
import { renderDynamicConfigYaml } from "../compose/render-dynamic-config";
import type { CheckComponent } from "../validation/validation-check";
import type { ValidationOptions } from "../validation/validation-options";
import {
  configShape,
  DOCKER_HOST_ALIAS,
  DYNAMIC_CONFIG_DIR,
  DYNAMIC_CONFIG_FILE,
  DYNAMIC_CONFIG_MOUNT,
  DYNAMIC_CONFIG_VOLUME,
  ENV_KEYS,
  namespaceRetentionEnv,
  POSTGRES_DATA_VOLUME,
  postgresDataTarget,
  REDIS_DATA_VOLUME,
  type StackDecisions,
  visibilityDatabase,
} from "./stack-settings";

export { isServiceName, SERVICE_NAMES, type ServiceName };

/** `service` runs until stopped and has a healthcheck; `job` runs once and must exit 0. */
export type ServiceRole = "service" | "job";

/** What a dependant waits for, as compose's `depends_on: condition:` says it. */
export type DependencyCondition = "started" | "healthy" | "completed";

export interface ServiceDependency {
  service: ServiceName;
  condition: DependencyCondition;
}

/** What a service's entry builds for one config: its container, and the volumes and files it needs. */
export interface ServiceBuild {
  container: Omit<ComposeService, "name" | "role" | "containerName" | "dependsOn">;
  volumes?: string[];
  files?: ComposeProject["files"];
}

export interface BuildContext {
  config: MyceliumConfig;
  decisions: StackDecisions;
  /**
   * A healthcheck that retries for the whole deploy timeout, so a slow first start is not a
   * failure: a shell command, or a program with its arguments run without a shell.
   */
  health(command: string | readonly string[], intervalSeconds: number, startPeriodSeconds: number): Healthcheck;
}

export interface StackServiceDefinition {
  role: ServiceRole;
  /** What it waits for; a dependency the config does not run is left out. */
  dependsOn: ServiceDependency[];
  /** Where its container check sits in the health report. */
  component: CheckComponent;
  /** Writes to PostgreSQL: stopped while a backup is restored. */
  writesToDatabase: boolean;
  /**
   * Restarted by a deploy that starts what it depends on afresh: its client backs off for
   * minutes after the server went away (the UI's gRPC channel to the frontend).
   */
  restartsWithDependencies: boolean;
  /**
   * A member of Temporal's cluster (cluster_membership): started right after `down`, it first
   * tries to join the members its last run left, and a deploy says so while it waits.
   */
  joinsTemporalCluster?: true;
  /** The config field of the host port it publishes, for conflicts and the free-port fix. */
  hostPort: { field: string; value(config: MyceliumConfig): number } | null;
  /** Whether a deploy of `config` runs it (a reused PostgreSQL is not ours to run). */
  runs(config: MyceliumConfig): boolean;
  /** Whether a validation with these options expects its container. */
  validated(options: ValidationOptions): boolean;
  build(context: BuildContext): ServiceBuild;
}

const POSTGRES_PORT_IN_CONTAINER = 5432;
const TEMPORAL_PORT_IN_CONTAINER = 7233;
const UI_PORT_IN_CONTAINER = 8080;
const REDIS_PORT_IN_CONTAINER = 6379;
/** The frontend as the stack's other containers reach it, by service name on the project network. */
const FRONTEND_ADDRESS = `temporal:${TEMPORAL_PORT_IN_CONTAINER}`;
/** Where admin-tools keeps the schema (its Dockerfile copies the module's `schema/` there). */
const SCHEMA_DIR = "/etc/temporal/schema/postgresql/v12";

const runsPostgres = (config: MyceliumConfig) => config.services.postgres.enabled && !reusesExistingPostgres(config);
const runsTemporal = (config: MyceliumConfig) => config.services.temporal.enabled;
/** The one-shot jobs of a 1.30+ stack, which has no auto-setup to do their work. */
const runsAdminJob = (config: MyceliumConfig) =>
  runsTemporal(config) && configShape(config) === "server-and-admin-tools";

/**
 * How Temporal's containers reach PostgreSQL: ours by service name, a reused one on its host port through the Docker
 * host.
 */
function postgresEndpoint(config: MyceliumConfig) {
  const reused = reusesExistingPostgres(config);
  return {
    host: reused ? DOCKER_HOST_ALIAS : "postgres",
    port: String(reused ? config.services.postgres.port : POSTGRES_PORT_IN_CONTAINER),
    password: { secret: reused ? ENV_KEYS.reusedPassword : ENV_KEYS.password },
    extraHosts: reused ? [`${DOCKER_HOST_ALIAS}:host-gateway`] : [],
  };
}

/** Where the server's persistence is, as both images' config templates read it. */
function persistenceEnvironment({ config, decisions }: BuildContext): Record<string, EnvValue> {
  const endpoint = postgresEndpoint(config);
  return {
    DB: decisions.dbPlugin,
    // Both templates default DB_PORT to 3306 (MySQL).
    DB_PORT: endpoint.port,
    POSTGRES_SEEDS: endpoint.host,
    POSTGRES_USER: { secret: ENV_KEYS.user },
    POSTGRES_PWD: endpoint.password,
    DBNAME: config.services.postgres.database,
    VISIBILITY_DBNAME: visibilityDatabase(config),
  };
}

/** No outbound version check from a local, possibly offline, stack. */
const NO_VERSION_CHECK = { TEMPORAL_VERSION_CHECK_DISABLED: "1" };

function resourceLimits(resources: { memory?: string; cpus?: number }) {
  return { memoryLimit: resources.memory ?? null, cpus: resources.cpus ?? null };
}

/** The guide's shape (up to 1.29): auto-setup creates the schema and the namespace, then runs the server. */
function autoSetupServer(context: BuildContext): ServiceBuild {
  const { config, decisions, health } = context;
  const { temporal } = config.services;
  return {
    files: [
      {
        path: `${DYNAMIC_CONFIG_DIR}/${DYNAMIC_CONFIG_FILE}`,
        content: renderDynamicConfigYaml(temporal.dynamic_config),
        mode: 0o644,
      },
    ],
    container: {
      image: decisions.images.temporal,
      command: null,
      environment: {
        ...persistenceEnvironment(context),
        DEFAULT_NAMESPACE: temporal.namespace,
        DEFAULT_NAMESPACE_RETENTION: namespaceRetentionEnv(temporal.namespace_retention),
        NUM_HISTORY_SHARDS: String(temporal.history_shards),
        // Relative to the image's working directory, /etc/temporal.
        DYNAMIC_CONFIG_FILE_PATH: `${DYNAMIC_CONFIG_DIR}/${DYNAMIC_CONFIG_FILE}`,
        // The frontend binds to the container's IP, not 127.0.0.1: point the bundled CLIs at it.
        TEMPORAL_ADDRESS: FRONTEND_ADDRESS,
        TEMPORAL_CLI_ADDRESS: FRONTEND_ADDRESS,
        ...NO_VERSION_CHECK,
      },
      ports: [
        {
          hostIp: config.deployment.bind_address,
          hostPort: decisions.ports.temporal,
          containerPort: TEMPORAL_PORT_IN_CONTAINER,
        },
      ],
      mounts: [{ type: "bind", source: `./${DYNAMIC_CONFIG_DIR}`, target: DYNAMIC_CONFIG_MOUNT, readOnly: true }],
      // The status itself is matched, anchored: the CLI of the 1.22 images (v0.10/v0.11) prints
      // "…WorkflowService: SERVING" and exits 0 on NOT_SERVING too; v0.12 and later print "SERVING".
      healthcheck: health(
        `temporal operator cluster health --address "$(hostname ` +
          `-i):${TEMPORAL_PORT_IN_CONTAINER}" | grep -qE '(^|: )SERVING$'`,
        5,
        20,
      ),
      extraHosts: postgresEndpoint(config).extraHosts,
      ...resourceLimits(temporal.resources),
    },
  };
}

/**
 * The 1.30+ shape: the slim server image (no CLI, bash or curl) starts from its embedded config
 * template once the jobs have prepared the schema and the dynamic-config file.
 */
function slimServer(context: BuildContext): ServiceBuild {
  const { config, decisions, health } = context;
  const { temporal } = config.services;
  return {
    container: {
      image: decisions.images.temporal,
      command: null,
      environment: {
        ...persistenceEnvironment(context),
        NUM_HISTORY_SHARDS: String(temporal.history_shards),
        DYNAMIC_CONFIG_FILE_PATH: `${DYNAMIC_CONFIG_MOUNT}/${DYNAMIC_CONFIG_FILE}`,
        ...NO_VERSION_CHECK,
        // Listen on every interface, so the healthcheck reaches it on 127.0.0.1; the image's
        // entrypoint then advertises the container's own address to the cluster.
        BIND_ON_IP: "0.0.0.0",
      },
      ports: [
        {
          hostIp: config.deployment.bind_address,
          hostPort: decisions.ports.temporal,
          containerPort: TEMPORAL_PORT_IN_CONTAINER,
        },
      ],
      mounts: [{ type: "volume", volume: DYNAMIC_CONFIG_VOLUME, target: DYNAMIC_CONFIG_MOUNT, readOnly: true }],
      // A TCP check is all the image allows (busybox nc, no shell needed); the namespace job
      // waits for SERVING itself.
      healthcheck: health(["nc", "-z", "127.0.0.1", String(TEMPORAL_PORT_IN_CONTAINER)], 3, 10),
      extraHosts: postgresEndpoint(config).extraHosts,
      ...resourceLimits(temporal.resources),
    },
  };
}

/** A one-shot job on the admin-tools image of the server's version. */
function adminToolsJob(
  context: BuildContext,
  script: string,
  environment: Record<string, EnvValue>,
  extra: Partial<ServiceBuild["container"]> = {},
): ServiceBuild {
  return {
    container: {
      image: context.decisions.images.adminTools,
      command: ["sh", "-c", script],
      environment,
      ports: [],
      mounts: [],
      healthcheck: null,
      extraHosts: [],
      memoryLimit: null,
      cpus: null,
      ...extra,
    },
  };
}

/**
 * Creates both databases and brings their schema to the server's version, as the official
 * compose files do: `create` leaves an existing database alone, `setup-schema -v 0.0` is skipped
 * above 0.0 and `update-schema` applies only what is missing, so a re-run changes nothing.
 * Names come from the environment, never from text put into the script.
 */
const SCHEMA_SCRIPT = `set -eu
migrate() {
  echo "Database $1: create, setup-schema -v 0.0, update-schema from $2"
  temporal-sql-tool --db "$1" create
  temporal-sql-tool --db "$1" setup-schema -v 0.0
  temporal-sql-tool --db "$1" update-schema -d "$2"
}
migrate "$DBNAME" ${SCHEMA_DIR}/temporal/versioned
migrate "$VISIBILITY_DBNAME" ${SCHEMA_DIR}/visibility/versioned
echo "Schema ready"`;

/** Writes the dynamic-config file into the volume the server reads it from, atomically. */
const DYNAMIC_CONFIG_SCRIPT = `set -eu
target="${DYNAMIC_CONFIG_MOUNT}/${DYNAMIC_CONFIG_FILE}"
printf '%s' "$DYNAMIC_CONFIG" > "$target.tmp"
chmod 644 "$target.tmp"
mv "$target.tmp" "$target"
echo "Wrote $target"`;

/**
 * Waits for the frontend to be SERVING, then registers the namespace unless it exists. Bounded:
 * after two minutes it fails with the CLI's last words, which the deploy shows.
 */
const NAMESPACE_SCRIPT =
  `set -u
serving() { temporal operator cluster health | grep -qE '(^|: )SERVING$'; }
registered() {
  temporal operator namespace describe --namespace "$NAMESPACE" >/dev/null 2>&1 ||
    temporal operator namespace create --namespace "$NAMESPACE" --retention "$RETENTION"
}
attempt=1
until serving && registered; do
  if [ "$attempt" -ge 60 ]; then ` +
  `echo "Namespace $NAMESPACE could not be registered at $TEMPORAL_ADDRESS" >&2; exit 1; fi
  attempt=$((attempt + 1))
  sleep 2
done
echo "Namespace $NAMESPACE is registered"`;

const REGISTRY: Record<ServiceName, StackServiceDefinition> = {
  postgres: {
    role: "service",
    dependsOn: [],
    component: "postgres",
    writesToDatabase: false,
    restartsWithDependencies: false,
    hostPort: { field: "services.postgres.port", value: (c) => c.services.postgres.port },
    runs: runsPostgres,
    validated: (options) => options.checkPostgres && !options.postgresReused,
    build: ({ config, decisions, health }) => {
      const { postgres } = config.services;
      return {
        volumes: [POSTGRES_DATA_VOLUME],
        container: {
          image: decisions.images.postgres,
          command: ["postgres", ...formatPostgresSettingArgs(postgres.custom_config, postgres.max_connections)],
          environment: {
            POSTGRES_USER: { secret: ENV_KEYS.user },
            POSTGRES_PASSWORD: { secret: ENV_KEYS.password },
            POSTGRES_DB: postgres.database,
          },
          ports: [
            {
              hostIp: config.deployment.bind_address,
              hostPort: decisions.ports.postgres,
              containerPort: POSTGRES_PORT_IN_CONTAINER,
            },
          ],
          mounts: [
            { type: "volume", volume: POSTGRES_DATA_VOLUME, target: postgresDataTarget(decisions.postgresMajor) },
          ],
          // Over TCP: during first init the image runs a socket-only server that must not count as ready.
          healthcheck: health(
            `pg_isready -h 127.0.0.1 -p ${POSTGRES_PORT_IN_CONTAINER} -U "$POSTGRES_USER" -d "$POSTGRES_DB"`,
            3,
            5,
          ),
          extraHosts: [],
          ...resourceLimits(postgres.resources),
        },
      };
    },
  },

  "temporal-schema": {
    role: "job",
    dependsOn: [{ service: "postgres", condition: "healthy" }],
    component: "temporal",
    writesToDatabase: true,
    restartsWithDependencies: false,
    hostPort: null,
    runs: runsAdminJob,
    validated: (options) => options.checkTemporal && options.deploymentShape === "server-and-admin-tools",
    build: (context) => {
      const endpoint = postgresEndpoint(context.config);
      return adminToolsJob(
        context,
        SCHEMA_SCRIPT,
        {
          // temporal-sql-tool reads its connection from these (tools/sql/main.go).
          SQL_PLUGIN: context.decisions.dbPlugin,
          SQL_HOST: endpoint.host,
          SQL_PORT: endpoint.port,
          SQL_USER: { secret: ENV_KEYS.user },
          SQL_PASSWORD: endpoint.password,
          DBNAME: context.config.services.postgres.database,
          VISIBILITY_DBNAME: visibilityDatabase(context.config),
        },
        { extraHosts: endpoint.extraHosts },
      );
    },
  },

  "temporal-config": {
    role: "job",
    dependsOn: [],
    component: "temporal",
    writesToDatabase: false,
    restartsWithDependencies: false,
    hostPort: null,
    runs: runsAdminJob,
    validated: (options) => options.checkTemporal && options.deploymentShape === "server-and-admin-tools",
    build: (context) => ({
      volumes: [DYNAMIC_CONFIG_VOLUME],
      ...adminToolsJob(
        context,
        DYNAMIC_CONFIG_SCRIPT,
        { DYNAMIC_CONFIG: renderDynamicConfigYaml(context.config.services.temporal.dynamic_config) },
        {
          mounts: [{ type: "volume", volume: DYNAMIC_CONFIG_VOLUME, target: DYNAMIC_CONFIG_MOUNT }],
          // A new volume's root belongs to root; the file it writes is readable by the server's user.
          user: "0",
        },
      ),
    }),
  },

  temporal: {
    role: "service",
    dependsOn: [
      { service: "postgres", condition: "healthy" },
      { service: "temporal-schema", condition: "completed" },
      { service: "temporal-config", condition: "completed" },
    ],
    component: "temporal",
    writesToDatabase: true,
    restartsWithDependencies: false,
    joinsTemporalCluster: true,
    hostPort: { field: "services.temporal.frontend_port", value: (c) => c.services.temporal.frontend_port },
    runs: runsTemporal,
    validated: (options) => options.checkTemporal,
    build: (context) => (context.decisions.shape === "auto-setup" ? autoSetupServer(context) : slimServer(context)),
  },

  "temporal-namespace": {
    role: "job",
    dependsOn: [{ service: "temporal", condition: "healthy" }],
    component: "temporal",
    writesToDatabase: false,
    restartsWithDependencies: false,
    hostPort: null,
    runs: runsAdminJob,
    validated: (options) => options.checkTemporal && options.deploymentShape === "server-and-admin-tools",
    build: (context) => {
      const { temporal } = context.config.services;
      return adminToolsJob(context, NAMESPACE_SCRIPT, {
        TEMPORAL_ADDRESS: FRONTEND_ADDRESS,
        NAMESPACE: temporal.namespace,
        RETENTION: namespaceRetentionEnv(temporal.namespace_retention),
      });
    },
  },

  "temporal-ui": {
    role: "service",
    dependsOn: [{ service: "temporal", condition: "healthy" }],
    component: "ui",
    writesToDatabase: true,
    restartsWithDependencies: true,
    hostPort: { field: "services.temporal.ui_port", value: (c) => c.services.temporal.ui_port },
    runs: (config) => runsTemporal(config) && config.services.temporal.ui_enabled,
    validated: (options) => options.checkTemporal && options.temporalUiPort !== null,
    build: ({ config, decisions, health }) => {
      const { temporal } = config.services;
      return {
        container: {
          image: decisions.images.ui,
          command: null,
          environment: {
            TEMPORAL_ADDRESS: FRONTEND_ADDRESS,
            TEMPORAL_UI_PORT: String(UI_PORT_IN_CONTAINER),
            TEMPORAL_DEFAULT_NAMESPACE: temporal.namespace,
            TEMPORAL_CORS_ORIGINS: `http://localhost:${decisions.ports.ui},http://127.0.0.1:${decisions.ports.ui}`,
            TEMPORAL_NOTIFY_ON_NEW_VERSION: "false",
          },
          ports: [
            {
              hostIp: config.deployment.bind_address,
              hostPort: decisions.ports.ui,
              containerPort: UI_PORT_IN_CONTAINER,
            },
          ],
          mounts: [],
          healthcheck: health(`wget -q -O /dev/null http://127.0.0.1:${UI_PORT_IN_CONTAINER}/healthz`, 5, 5),
          extraHosts: [],
          ...resourceLimits(temporal.ui_resources),
        },
      };
    },
  },

  redis: {
    role: "service",
    dependsOn: [],
    component: "redis",
    writesToDatabase: false,
    restartsWithDependencies: false,
    hostPort: { field: "services.redis.port", value: (c) => c.services.redis.port },
    runs: (config) => config.services.redis.enabled,
    validated: (options) => options.redisPort !== null,
    build: ({ config, decisions, health }) => {
      const { redis } = config.services;
      return {
        volumes: [REDIS_DATA_VOLUME],
        container: {
          image: decisions.images.redis,
          command: null,
          environment: {},
          ports: [
            {
              hostIp: config.deployment.bind_address,
              hostPort: decisions.ports.redis,
              containerPort: REDIS_PORT_IN_CONTAINER,
            },
          ],
          mounts: [{ type: "volume", volume: REDIS_DATA_VOLUME, target: "/data" }],
          healthcheck: health("redis-cli ping | grep -q PONG", 3, 3),
          extraHosts: [],
          ...resourceLimits(redis.resources),
        },
      };
    },
  },
};

/** The registry entry of a service, or null for a name the stack does not have. */
export function stackService(name: string): StackServiceDefinition | null {
  return isServiceName(name) ? REGISTRY[name] : null;
}

/** Every entry with its name, in registry order. */
export function stackServices(): (StackServiceDefinition & { name: ServiceName })[] {
  return SERVICE_NAMES.map((name) => ({ name, ...REGISTRY[name] }));
}

/** The services that wait for `name`, directly or through another one. */
export function dependantsOf(name: string): ServiceName[] {
  const found = new Set<ServiceName>();
  const visit = (target: string) => {
    for (const entry of stackServices()) {
      if (found.has(entry.name) || !entry.dependsOn.some((dependency) => dependency.service === target)) continue;
      found.add(entry.name);
      visit(entry.name);
    }
  };
  visit(name);
  return [...found];
}

/**
 * Items ordered so that each comes after what it depends on; otherwise they keep their order.
 * Dependencies outside `items` are ignored.
 */
export function orderByDependencies<T>(
  items: readonly T[],
  nameOf: (item: T) => string,
  dependenciesOf: (item: T) => string[],
): T[] {
  const byName = new Map(items.map((item) => [nameOf(item), item]));
  const ordered: T[] = [];
  const visit = (item: T, path: Set<string>) => {
    if (ordered.includes(item)) return;
    const name = nameOf(item);
    if (path.has(name)) throw new Error(`dependency cycle at ${name}`);
    path.add(name);
    for (const dependency of dependenciesOf(item)) {
      const target = byName.get(dependency);
      if (target !== undefined) visit(target, path);
    }
    path.delete(name);
    ordered.push(item);
  };
  for (const item of items) visit(item, new Set());
  return ordered;
}

/** Service names in start order: the registry's order, each after what it depends on; unknown names last. */
export function startOrder(names: readonly string[]): string[] {
  const rank = (name: string) => (isServiceName(name) ? SERVICE_NAMES.indexOf(name) : SERVICE_NAMES.length);
  const sorted = [...names].sort((a, b) => rank(a) - rank(b));
  return orderByDependencies(
    sorted,
    (name) => name,
    (name) => stackService(name)?.dependsOn.map((d) => d.service) ?? [],
  );
}
