import {
  defaultDbPlugin,
  deploymentShape,
  officialTemporalImage,
  pairedUiVersion,
  parseVersion,
  type DbPlugin,
  type DeploymentShape,
  type Version,
} from "../config/compat";
import type { MyceliumConfig } from "../config/schema";
import { MyceliumError } from "../errors";

/** What the plan decided, on top of the config: the values a deploy actually uses. */
export interface StackDecisions {
  ports: { postgres: number; temporal: number; ui: number; redis: number };
  /** `temporal` is the auto-setup or the server image, as `shape` says; `adminTools` runs the jobs of a 1.30+ stack. */
  images: { postgres: string; temporal: string; adminTools: string; ui: string; redis: string };
  shape: DeploymentShape;
  dbPlugin: DbPlugin;
  temporalVersion: Version;
  postgresMajor: number;
}

export const DYNAMIC_CONFIG_DIR = "config/dynamicconfig";
export const DYNAMIC_CONFIG_FILE = "development-sql.yaml";
/** Where the server reads its dynamic config: /etc/temporal is the images' working directory. */
export const DYNAMIC_CONFIG_MOUNT = "/etc/temporal/config/dynamicconfig";
/** A 1.30+ stack keeps the dynamic-config file in this volume, written by its config job. */
export const DYNAMIC_CONFIG_VOLUME = "temporal-dynamic-config";
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

/**
 * Retention for DEFAULT_NAMESPACE_RETENTION, in hours: every `temporal` CLI reads a Go duration
 * such as `72h`, while a bare number of days works only with the pre-0.12 CLIs (v0.12 refuses
 * `--retention 3`: "missing unit in duration") and `3d` only from v1.
 */
export function namespaceRetentionEnv(retention: string): string {
  return retention.endsWith("d") ? `${Number(retention.slice(0, -1)) * 24}h` : retention;
}

/** Temporal's visibility database sits beside its main one. */
export function visibilityDatabase(config: MyceliumConfig): string {
  return `${config.services.postgres.database}_visibility`;
}

/** The official image keeps data in /var/lib/postgresql/data up to 17; 18 moved it one level up. */
export function postgresDataTarget(postgresMajor: number): string {
  return postgresMajor >= 18 ? "/var/lib/postgresql" : "/var/lib/postgresql/data";
}

/**
 * The persistence plugin Temporal is given: the config's own choice, else the one the
 * versions call for. The one place this is decided (plan, compose and validation use it).
 */
export function resolveDbPlugin(config: MyceliumConfig, temporal: Version, postgres: Version): DbPlugin {
  return config.services.temporal.db_plugin ?? defaultDbPlugin(temporal, postgres);
}

/**
 * The deployment shape of a config's Temporal version, for checks that run on any config; a
 * version Mycelium cannot deploy is a config finding of its own, and reads as auto-setup here.
 */
export function configShape(config: MyceliumConfig): DeploymentShape {
  const version = parseVersion(config.services.temporal.version);
  return (version && deploymentShape(version)) ?? "auto-setup";
}

/** Versions, plugin, images and ports a deploy of `config` uses. */
export function resolveStackDecisions(config: MyceliumConfig): StackDecisions {
  const { postgres, temporal, redis } = config.services;
  const temporalVersion = parseVersion(temporal.version);
  const postgresVersion = parseVersion(postgres.version);
  if (!temporalVersion || !postgresVersion) {
    throw new MyceliumError("bad_request:config_invalid", "The config's versions cannot be read.", {
      hint: "Run `mycelium config validate` and fix what it reports.",
    });
  }
  const uiVersion = temporal.ui_version ?? pairedUiVersion(temporalVersion) ?? "latest";
  const shape = deploymentShape(temporalVersion);
  if (!shape) {
    throw new MyceliumError("bad_request:config_invalid", `Mycelium cannot deploy Temporal ${temporal.version}.`, {
      hint: "Run `mycelium config validate`: it names the release to use instead.",
    });
  }
  return {
    ports: {
      postgres: postgres.port,
      temporal: temporal.frontend_port,
      ui: temporal.ui_port,
      redis: redis.port,
    },
    images: {
      postgres: postgres.image ?? `postgres:${postgres.version}`,
      temporal: temporal.image ?? officialTemporalImage(temporal.version),
      adminTools: temporal.admin_tools_image ?? `temporalio/admin-tools:${temporal.version}`,
      ui: temporal.ui_image ?? `temporalio/ui:${uiVersion}`,
      redis: redis.image ?? `redis:${redis.version}`,
    },
    shape,
    dbPlugin: resolveDbPlugin(config, temporalVersion, postgresVersion),
    temporalVersion,
    postgresMajor: postgresVersion.major,
  };
}
