/**
 * THE list of what a Mycelium stack is made of: every long-running service and one-shot job,
 * with its role, dependencies, host port, container and what logs, backup, diagnosis and fixes
 * need to know about it. Everything else derives from this registry; adding a service or a job
 * is adding an entry here.
 */
import { formatPostgresSettingArgs } from "../config/postgres-settings";
import { reusesExistingPostgres, type MyceliumConfig } from "../config/schema";
import type { ComposeProject, ComposeService, Healthcheck } from "../compose/compose-model";
import { renderDynamicConfigYaml } from "../compose/render-dynamic-config";
import type { CheckComponent } from "../validation/validation-check";
import type { ValidationOptions } from "../validation/validation-options";
import {
  DOCKER_HOST_ALIAS,
  DYNAMIC_CONFIG_DIR,
  DYNAMIC_CONFIG_FILE,
  ENV_KEYS,
  namespaceRetentionEnv,
  POSTGRES_DATA_VOLUME,
  postgresDataTarget,
  REDIS_DATA_VOLUME,
  type StackDecisions,
} from "./stack-settings";

/** The stack's services and jobs, in the order they are listed everywhere (compose, status, logs). */
export const SERVICE_NAMES = ["postgres", "temporal", "temporal-ui", "redis"] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

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
  /** A healthcheck that retries for the whole deploy timeout, so a slow first start is not a failure. */
  health(shellCommand: string, intervalSeconds: number, startPeriodSeconds: number): Healthcheck;
}

export interface StackServiceDefinition {
  role: ServiceRole;
  /** What it waits for; a dependency the config does not run is left out. */
  dependsOn: ServiceDependency[];
  /** Where its container check sits in the health report. */
  component: CheckComponent;
  /** Its fixed colour in the log viewer and the CLI (other names get a hashed one). */
  logColour: number;
  /** Writes to PostgreSQL: stopped while a backup is restored. */
  writesToDatabase: boolean;
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

const runsPostgres = (config: MyceliumConfig) => config.services.postgres.enabled && !reusesExistingPostgres(config);

const REGISTRY: Record<ServiceName, StackServiceDefinition> = {
  postgres: {
    role: "service",
    dependsOn: [],
    component: "postgres",
    logColour: 0,
    writesToDatabase: false,
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
          ports: [{ hostIp: config.deployment.bind_address, hostPort: decisions.ports.postgres, containerPort: POSTGRES_PORT_IN_CONTAINER }],
          mounts: [{ type: "volume", volume: POSTGRES_DATA_VOLUME, target: postgresDataTarget(decisions.postgresMajor) }],
          // Over TCP: during first init the image runs a socket-only server that must not count as ready.
          healthcheck: health(`pg_isready -h 127.0.0.1 -p ${POSTGRES_PORT_IN_CONTAINER} -U "$POSTGRES_USER" -d "$POSTGRES_DB"`, 3, 5),
          extraHosts: [],
          memoryLimit: postgres.resources.memory ?? null,
          cpus: postgres.resources.cpus ?? null,
        },
      };
    },
  },

  temporal: {
    role: "service",
    dependsOn: [{ service: "postgres", condition: "healthy" }],
    component: "temporal",
    logColour: 1,
    writesToDatabase: true,
    hostPort: { field: "services.temporal.frontend_port", value: (c) => c.services.temporal.frontend_port },
    runs: (config) => config.services.temporal.enabled,
    validated: (options) => options.checkTemporal,
    build: ({ config, decisions, health }) => {
      const { postgres, temporal } = config.services;
      const reusesPostgres = reusesExistingPostgres(config);
      return {
        files: [{ path: `${DYNAMIC_CONFIG_DIR}/${DYNAMIC_CONFIG_FILE}`, content: renderDynamicConfigYaml(temporal.dynamic_config), mode: 0o644 }],
        container: {
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
          ports: [{ hostIp: config.deployment.bind_address, hostPort: decisions.ports.temporal, containerPort: TEMPORAL_PORT_IN_CONTAINER }],
          mounts: [{ type: "bind", source: `./${DYNAMIC_CONFIG_DIR}`, target: "/etc/temporal/config/dynamicconfig", readOnly: true }],
          // The status itself is matched, anchored: the CLI of the 1.22 images (v0.10/v0.11) prints
          // "…WorkflowService: SERVING" and exits 0 on NOT_SERVING too; v0.12 and later print "SERVING".
          healthcheck: health(
            `temporal operator cluster health --address "$(hostname -i):${TEMPORAL_PORT_IN_CONTAINER}" | grep -qE '(^|: )SERVING$'`,
            5,
            20,
          ),
          extraHosts: reusesPostgres ? [`${DOCKER_HOST_ALIAS}:host-gateway`] : [],
          memoryLimit: temporal.resources.memory ?? null,
          cpus: temporal.resources.cpus ?? null,
        },
      };
    },
  },

  "temporal-ui": {
    role: "service",
    dependsOn: [{ service: "temporal", condition: "healthy" }],
    component: "ui",
    logColour: 2,
    writesToDatabase: true,
    hostPort: { field: "services.temporal.ui_port", value: (c) => c.services.temporal.ui_port },
    runs: (config) => config.services.temporal.enabled && config.services.temporal.ui_enabled,
    validated: (options) => options.checkTemporal && options.temporalUiPort !== null,
    build: ({ config, decisions, health }) => {
      const { temporal } = config.services;
      return {
        container: {
          image: decisions.images.ui,
          command: null,
          environment: {
            TEMPORAL_ADDRESS: `temporal:${TEMPORAL_PORT_IN_CONTAINER}`,
            TEMPORAL_UI_PORT: String(UI_PORT_IN_CONTAINER),
            TEMPORAL_DEFAULT_NAMESPACE: temporal.namespace,
            TEMPORAL_CORS_ORIGINS: `http://localhost:${decisions.ports.ui},http://127.0.0.1:${decisions.ports.ui}`,
            TEMPORAL_NOTIFY_ON_NEW_VERSION: "false",
          },
          ports: [{ hostIp: config.deployment.bind_address, hostPort: decisions.ports.ui, containerPort: UI_PORT_IN_CONTAINER }],
          mounts: [],
          healthcheck: health(`wget -q -O /dev/null http://127.0.0.1:${UI_PORT_IN_CONTAINER}/healthz`, 5, 5),
          extraHosts: [],
          memoryLimit: temporal.ui_resources.memory ?? null,
          cpus: temporal.ui_resources.cpus ?? null,
        },
      };
    },
  },

  redis: {
    role: "service",
    dependsOn: [],
    component: "redis",
    logColour: 3,
    writesToDatabase: false,
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
          ports: [{ hostIp: config.deployment.bind_address, hostPort: decisions.ports.redis, containerPort: REDIS_PORT_IN_CONTAINER }],
          mounts: [{ type: "volume", volume: REDIS_DATA_VOLUME, target: "/data" }],
          healthcheck: health("redis-cli ping | grep -q PONG", 3, 3),
          extraHosts: [],
          memoryLimit: redis.resources.memory ?? null,
          cpus: redis.resources.cpus ?? null,
        },
      };
    },
  },
};

export function isServiceName(name: string): name is ServiceName {
  return (SERVICE_NAMES as readonly string[]).includes(name);
}

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
export function orderByDependencies<T>(items: readonly T[], nameOf: (item: T) => string, dependenciesOf: (item: T) => string[]): T[] {
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
  return orderByDependencies(sorted, (name) => name, (name) => stackService(name)?.dependsOn.map((d) => d.service) ?? []);
}
