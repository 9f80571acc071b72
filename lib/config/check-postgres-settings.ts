import {
  describeTemporalConnections,
  POSTGRES_RESERVED_CONNECTIONS,
  RECOMMENDED_MAX_CONNECTIONS,
  TEMPORAL_CONNECTIONS,
} from "./compat";
import { didYouMean } from "./did-you-mean";
import type { Finding } from "./findings";
import { checkPostgresSettingValue } from "./postgres-setting-value";
import { CONTAINER_OWNED_POSTGRES_SETTINGS, POSTGRES_SETTINGS, postgresSettingSpec } from "./postgres-settings";
import type { MyceliumConfig } from "./schema";

const KNOWN_SETTING_NAMES = Object.keys(POSTGRES_SETTINGS);

/** max_connections against Temporal's pools, and every custom_config entry against PostgreSQL's rules. */
export function checkPostgresSettings(config: MyceliumConfig): Finding[] {
  const { postgres, temporal } = config.services;
  if (!postgres.enabled) return [];
  if (postgres.reuse_existing) return checkReusedServerFields(config);
  const findings: Finding[] = [];
  if (temporal.enabled) {
    const connectionFinding = checkConnectionBudget(postgres.max_connections);
    if (connectionFinding) findings.push(connectionFinding);
  }
  for (const [name, value] of Object.entries(postgres.custom_config)) {
    const finding = checkCustomSetting(name, value);
    if (finding) findings.push(finding);
  }
  return findings;
}

function checkConnectionBudget(maxConnections: number): Finding | null {
  const toStart = TEMPORAL_CONNECTIONS.atStart + POSTGRES_RESERVED_CONNECTIONS;
  const comfortable = RECOMMENDED_MAX_CONNECTIONS;
  const path = "services.postgres.max_connections";
  const needs =
    `${describeTemporalConnections()}, and PostgreSQL ` + `keeps ${POSTGRES_RESERVED_CONNECTIONS} for superusers`;
  if (maxConnections < toStart) {
    return {
      severity: "error",
      code: "postgres-connections-too-few",
      path,
      message:
        `${path} is ${maxConnections}, but ${needs}: Temporal ` +
        `will fail to start with "sorry, too many clients already"`,
      fix: `set ${path} to at least ${comfortable}`,
    };
  }
  if (maxConnections < comfortable) {
    return {
      severity: "warning",
      code: "postgres-connections-tight",
      path,
      message:
        `${path} is ${maxConnections}: ${needs}. Under load Temporal may get "sorry, too many clients already", ` +
        `and psql, health checks and other clients may find no slot`,
      fix: `set ${path} to at least ${comfortable}`,
    };
  }
  return null;
}

function checkCustomSetting(name: string, value: string | number | boolean): Finding | null {
  const path = `services.postgres.custom_config.${name}`;
  const lowerName = name.toLowerCase();
  if (lowerName === "max_connections") {
    return {
      severity: "error",
      code: "postgres-setting-managed",
      path,
      message:
        `${path}: max_connections is set by services.postgres.max_connections, ` +
        `which Mycelium also uses to check Temporal's connection needs`,
      fix: `remove it here and write services.postgres.max_connections: ${String(value)}`,
    };
  }
  const ownedReason = Object.hasOwn(CONTAINER_OWNED_POSTGRES_SETTINGS, lowerName)
    ? CONTAINER_OWNED_POSTGRES_SETTINGS[lowerName]
    : undefined;
  if (ownedReason) {
    return {
      severity: "error",
      code: "postgres-setting-forbidden",
      path,
      message: `${path}: ${lowerName} cannot be changed: ${ownedReason}`,
      fix: `remove ${name} from custom_config`,
    };
  }
  // Dotted names are extension or custom settings (pg_stat_statements.track); PostgreSQL accepts any of them.
  if (name.includes(".")) return null;
  const spec = postgresSettingSpec(name);
  if (!spec) {
    const suggestion = didYouMean(lowerName, KNOWN_SETTING_NAMES);
    return {
      severity: "warning",
      code: "postgres-setting-unknown",
      path,
      message:
        `${path}: ${name} is not a PostgreSQL 15 setting Mycelium knows, and PostgreSQL refuses to start ` +
        "on an unrecognized configuration parameter" +
        (suggestion ? ` — did you mean \`${suggestion}\`?` : ""),
      fix: suggestion
        ? `rename it to ${suggestion}`
        : "check the name in the PostgreSQL manual (Server Configuration); " +
          "extension settings are written with a dot, e.g. pg_stat_statements.track",
    };
  }
  const problem = checkPostgresSettingValue(spec, value);
  if (!problem) return null;
  return {
    severity: problem.severity,
    code: problem.code,
    path,
    message: `${path} ${problem.problem}`,
    fix: problem.fix,
  };
}

/** A reused server is configured by its owner: the fields that shape our container do nothing. */
function checkReusedServerFields(config: MyceliumConfig): Finding[] {
  const { postgres } = config.services;
  const ignored = [
    Object.keys(postgres.custom_config).length > 0 ? "custom_config" : null,
    postgres.image ? "image" : null,
    postgres.resources.memory || postgres.resources.cpus ? "resources" : null,
  ].filter((field): field is string => field !== null);
  return ignored.map((field) => ({
    severity: "warning" as const,
    code: "reused-server-ignores-field",
    path: `services.postgres.${field}`,
    message:
      `services.postgres.${field} has no effect while services.postgres.reuse_existing ` +
      `is on: Mycelium runs no PostgreSQL container to apply it to`,
    fix: `change that setting on the reused server itself, or remove services.postgres.${field}`,
  }));
}
