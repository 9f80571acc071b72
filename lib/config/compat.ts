/**
 * What the real Temporal and PostgreSQL images accept, as data. Sources are in
 * shared/reference/temporal-postgres-facts.md (§1–3); keep this file the only place
 * that encodes them, so config validation, planning and health checks agree.
 */

export type DbPlugin = "postgresql" | "postgres" | "postgres12" | "postgres12_pgx";

export interface Version {
  major: number;
  minor: number;
  patch: number;
}

/** `1.22.0` → {1,22,0}; `15` → {15,0,0}; null when it is not a dotted version. */
export function parseVersion(text: string): Version | null {
  const match = /^(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(text.trim());
  if (!match) return null;
  return { major: Number(match[1]), minor: Number(match[2] ?? 0), patch: Number(match[3] ?? 0) };
}

export function compareVersions(a: Version, b: Version): number {
  return a.major - b.major || a.minor - b.minor || a.patch - b.patch;
}

/** Temporal server minor versions Mycelium knows the schema of (1.20–1.24). */
const SCHEMA_VERSIONS: Record<number, { main: string; visibilityV12: string; visibilityV96: string | null }> = {
  20: { main: "1.9", visibilityV12: "1.2", visibilityV96: "1.1" },
  21: { main: "1.10", visibilityV12: "1.3", visibilityV96: "1.1" },
  22: { main: "1.10", visibilityV12: "1.3", visibilityV96: "1.1" },
  23: { main: "1.11", visibilityV12: "1.4", visibilityV96: "1.1" },
  24: { main: "1.12", visibilityV12: "1.5", visibilityV96: null },
};

export const SUPPORTED_TEMPORAL_RANGE = "1.20.0–1.24.x";

export function isKnownTemporalVersion(version: Version): boolean {
  return version.major === 1 && version.minor in SCHEMA_VERSIONS;
}

/**
 * How a Temporal release is deployed. `temporalio/auto-setup` (server, sql tool and CLI in one
 * image that sets itself up) ends with 1.29.x; from 1.30.0 the official shape is the slim
 * `temporalio/server` plus `temporalio/admin-tools` one-shot jobs (current-temporal.md §2–3).
 * Releases up to 1.29 keep auto-setup: its tags are plain versions, while admin-tools tags
 * before 1.30 carry the tctl and CLI versions (`1.29.1-tctl-1.18.4-cli-1.5.0`).
 */
export type DeploymentShape = "auto-setup" | "server-and-admin-tools";

export function deploymentShape(temporal: Version): DeploymentShape {
  return compareVersions(temporal, { major: 1, minor: 30, patch: 0 }) >= 0 ? "server-and-admin-tools" : "auto-setup";
}

/** The v12 schema family (postgres12, postgres12_pgx) vs the v96 one (postgresql, postgres). */
export function usesV12Schema(plugin: DbPlugin): boolean {
  return plugin === "postgres12" || plugin === "postgres12_pgx";
}

/**
 * The `schema_version.curr_version` rows that auto-setup leaves for a server version
 * and plugin; null for a server version outside the known range.
 */
export function expectedSchemaVersions(
  temporal: Version,
  plugin: DbPlugin,
): { main: string; visibility: string } | null {
  const row = SCHEMA_VERSIONS[temporal.minor];
  if (temporal.major !== 1 || !row) return null;
  const visibility = usesV12Schema(plugin) ? row.visibilityV12 : row.visibilityV96;
  return visibility ? { main: row.main, visibility } : null;
}

/** Plugin values the auto-setup image of this version accepts in `DB`. */
export function acceptedDbPlugins(temporal: Version): DbPlugin[] {
  if (temporal.major === 1 && temporal.minor >= 24) return ["postgres12", "postgres12_pgx"];
  return ["postgresql", "postgres", "postgres12"];
}

/**
 * The plugin Mycelium chooses: postgres12 wherever PostgreSQL ≥ 12 allows it (SQL advanced
 * visibility, and the only family left from Temporal 1.24 on), else the v96 `postgresql`.
 */
export function defaultDbPlugin(temporal: Version, postgres: Version): DbPlugin {
  if (postgres.major >= 12) return "postgres12";
  return acceptedDbPlugins(temporal).includes("postgresql") ? "postgresql" : "postgres12";
}

/** The name GetClusterInfo reports as persistence_store for a plugin value. */
export function persistenceStoreName(plugin: DbPlugin): string {
  return plugin === "postgresql" ? "postgres" : plugin;
}

export type Compatibility =
  | { level: "supported"; reason: string }
  | { level: "untested"; reason: string }
  | { level: "incompatible"; reason: string };

/** PostgreSQL major ↔ Temporal server compatibility, from the evidence in facts §3. */
export function postgresCompatibility(temporal: Version, postgres: Version, plugin: DbPlugin): Compatibility {
  const pgMajor = postgres.major === 9 ? 9.6 : postgres.major;
  if (usesV12Schema(plugin) && pgMajor < 12) {
    return {
      level: "incompatible",
      reason: `the ${plugin} plugin's schema needs PostgreSQL 12 or later (generated columns, btree_gin)`,
    };
  }
  if (temporal.minor >= 24 && pgMajor < 12) {
    return { level: "incompatible", reason: "Temporal 1.24 and later support only PostgreSQL 12 and later" };
  }
  if (pgMajor < 9.6) {
    return { level: "incompatible", reason: "Temporal needs PostgreSQL 9.6 or later" };
  }
  if (pgMajor < 12) {
    return {
      level: "untested",
      reason: `PostgreSQL ${pgMajor} works only with the legacy v96 schema; Temporal's tests use 12 and later`,
    };
  }
  if (temporal.minor <= 23 && pgMajor >= 16) {
    return {
      level: "untested",
      reason: `Temporal ${temporal.major}.${temporal.minor} was tested against PostgreSQL 12–15; ${pgMajor} is untested for it`,
    };
  }
  if (pgMajor >= 17) {
    return { level: "untested", reason: `no evidence that Temporal has been tested against PostgreSQL ${pgMajor}` };
  }
  return { level: "supported", reason: `PostgreSQL ${pgMajor} is tested with Temporal ${temporal.major}.${temporal.minor}` };
}

/**
 * The temporalio/ui version that Temporal's own compose files paired with each 1.22 server
 * (facts §2); null when there is no known pairing and the config must name one.
 */
export function pairedUiVersion(temporal: Version): string | null {
  if (temporal.major !== 1 || temporal.minor !== 22) return null;
  if (temporal.patch === 0) return "2.17.1";
  if (temporal.patch === 1) return "2.19.0";
  if (temporal.patch <= 3) return "2.21.0";
  return "2.22.3";
}

/** Newest minor release of each PostgreSQL major with an official image (Nov 2026). */
const NEWEST_POSTGRES_MINOR: Record<number, number> = {
  10: 23,
  11: 22,
  12: 22,
  13: 23,
  14: 20,
  15: 15,
  16: 11,
  17: 7,
  18: 1,
};

export type PostgresImageMatch = { ok: true } | { ok: false; severity: "error" | "warning"; reason: string };

/** Whether `postgres:<version>` names an image tag that can exist. */
export function postgresImageMatch(text: string): PostgresImageMatch {
  if (/^9\.6(\.\d+)?$/.test(text)) return { ok: true };
  const version = /^\d+(\.\d+)?$/.test(text) ? parseVersion(text) : null;
  if (!version) {
    return { ok: false, severity: "error", reason: `"${text}" is not a PostgreSQL version (write "15" or "15.3")` };
  }
  const newestMinor = NEWEST_POSTGRES_MINOR[version.major];
  if (newestMinor === undefined) {
    return {
      ok: false,
      severity: "error",
      reason: `there is no postgres image for major version ${version.major} (known: 9.6, 10–18)`,
    };
  }
  if (version.minor > newestMinor) {
    return {
      ok: false,
      severity: "warning",
      reason: `postgres:${text} is newer than the newest ${version.major}.x release Mycelium knows (${version.major}.${newestMinor}); the image may not exist`,
    };
  }
  return { ok: true };
}

/** Connections Temporal's pools open with the auto-setup config template's defaults. */
export const TEMPORAL_POOL_CONNECTIONS = { main: 20, visibility: 10 } as const;
/** PostgreSQL keeps this many slots for superusers (`superuser_reserved_connections`). */
export const POSTGRES_RESERVED_CONNECTIONS = 3;
