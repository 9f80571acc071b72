import { parseVersion, type DbPlugin, type DeploymentShape } from "../config/compat";
import { reusesExistingPostgres, type MyceliumConfig } from "../config/schema";
import { configShape, ENV_KEYS, resolveDbPlugin, visibilityDatabase } from "../stack/stack-settings";
import type { RunMode } from "./check-runner";
import type { EngineAddresses } from "../stack/engine-target";

/**
 * Everything a validation run needs, named as in the deployment guide's
 * `validator.validate(postgres_host=…, …)`. Built from the config and the deployment's
 * `.env` by `resolveValidationOptions`; any field can be overridden per call.
 */
export interface ValidationOptions {
  /** Compose project whose containers are inspected; null: no container checks. */
  project: string | null;
  postgresHost: string;
  postgresPort: number;
  postgresDatabase: string;
  postgresVisibilityDatabase: string;
  postgresUser: string;
  postgresPassword: string;
  /** An existing server is reused (`reuse_existing`): there is no PostgreSQL container to inspect. */
  postgresReused: boolean;
  /** The configured PostgreSQL version, to notice a different server on the port; null: not compared. */
  postgresVersion: string | null;
  temporalHost: string;
  temporalPort: number;
  /** null: no UI checks (the UI is disabled). */
  temporalUiPort: number | null;
  temporalNamespace: string;
  temporalVersion: string;
  /** auto-setup (up to 1.29) or the server with its admin-tools jobs (1.30+): which containers to expect. */
  deploymentShape: DeploymentShape;
  dbPlugin: DbPlugin;
  redisHost: string;
  /** null: no Redis checks (Redis is disabled). */
  redisPort: number | null;
  checkPostgres: boolean;
  checkTemporal: boolean;
  /** Write a probe workflow through Temporal and read it back from PostgreSQL. */
  persistenceProbe: boolean;
  /** Deadline of each check. */
  checkTimeoutMs: number;
  /** Connect timeout of the TCP port checks. */
  tcpTimeoutMs: number;
  mode: RunMode;
}

export const DEFAULT_CHECK_TIMEOUT_MS = 2000;
export const DEFAULT_TCP_TIMEOUT_MS = 500;
/** Our own connections carry this name, so checks can tell them from Temporal's. */
export const VALIDATOR_APPLICATION_NAME = "mycelium-validator";

function configuredPlugin(config: MyceliumConfig): DbPlugin {
  const temporalVersion = parseVersion(config.services.temporal.version);
  const postgresVersion = parseVersion(config.services.postgres.version);
  // Unreadable versions are a config error reported elsewhere.
  if (!temporalVersion || !postgresVersion) return config.services.temporal.db_plugin ?? "postgres12";
  return resolveDbPlugin(config, temporalVersion, postgresVersion);
}

/**
 * Options for validating the deployment of `config`: ports from the config, the user and
 * password from the deployment's `.env` (null before the first deploy), hosts where `engine`
 * publishes its ports.
 */
export function resolveValidationOptions(
  config: MyceliumConfig,
  env: Record<string, string> | null,
  engine: EngineAddresses,
  overrides: Partial<ValidationOptions> = {},
): ValidationOptions {
  const { postgres, temporal, redis } = config.services;
  const host = engine.publishedHost(config.deployment.bind_address);
  // A reused server is not published by us: it listens on the engine's machine wherever its owner put it.
  const reused = reusesExistingPostgres(config);
  const postgresHost = reused ? engine.machineHost : host;
  const base: ValidationOptions = {
    project: config.project_name,
    postgresHost,
    postgresPort: postgres.port,
    postgresDatabase: postgres.database,
    postgresVisibilityDatabase: visibilityDatabase(config),
    postgresUser: env?.[ENV_KEYS.user] || postgres.user,
    postgresPassword: env?.[reused ? ENV_KEYS.reusedPassword : ENV_KEYS.password] ?? "",
    postgresReused: reused,
    postgresVersion: postgres.version,
    temporalHost: host,
    temporalPort: temporal.frontend_port,
    temporalUiPort: temporal.enabled && temporal.ui_enabled ? temporal.ui_port : null,
    temporalNamespace: temporal.namespace,
    temporalVersion: temporal.version,
    deploymentShape: configShape(config),
    dbPlugin: configuredPlugin(config),
    redisHost: host,
    redisPort: redis.enabled ? redis.port : null,
    checkPostgres: postgres.enabled,
    checkTemporal: temporal.enabled,
    persistenceProbe: true,
    checkTimeoutMs: DEFAULT_CHECK_TIMEOUT_MS,
    tcpTimeoutMs: DEFAULT_TCP_TIMEOUT_MS,
    mode: "concurrent",
  };
  const defined = Object.fromEntries(
    Object.entries(overrides).filter(([, value]) => value !== undefined),
  ) as Partial<ValidationOptions>;
  const merged = { ...base, ...defined };
  // A changed main database moves the visibility database with it unless that is given too.
  if (defined.postgresDatabase && !defined.postgresVisibilityDatabase)
    merged.postgresVisibilityDatabase = `${defined.postgresDatabase}_visibility`;
  return merged;
}
