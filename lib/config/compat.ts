/**
 * What the real Temporal and PostgreSQL images accept, as data. Sources are in
 * shared/reference/temporal-postgres-facts.md (§1–3) and current-temporal.md; the Temporal
 * releases come from temporal-releases.json (scripts/temporal-releases.mjs). Keep this file
 * the only place that encodes them, so config validation, planning and health checks agree.
 */
import releaseTable from "./temporal-releases.json" with { type: "json" };

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

/**
 * One Temporal server release, as scripts/temporal-releases.mjs read it from the Go module
 * go.temporal.io/server into temporal-releases.json. Regenerate that file, never edit it.
 */
export interface TemporalRelease {
  version: string;
  /** `ServerVersion` in common/headers/version_checker.go: v1.22.1 still says 1.22.0. */
  serverVersion: string | null;
  /** schema/postgresql/v12/version.go; null for a retracted release the proxy no longer serves. */
  schema: { main: string; visibility: string } | null;
  /** The `go` line of the release's go.mod: the Go it needs to build. */
  goDirective: string | null;
  /** Retracted in the newest release's go.mod, with the comment given there. */
  retracted: { reason: string | null } | null;
  /** The temporalio/ui release paired with it (kept by hand in the script, sources there). */
  uiVersion: string;
}

/** Every release from 1.20.0 on, oldest first. */
export const TEMPORAL_RELEASES: readonly TemporalRelease[] = releaseTable.releases;
/** When the table was read from the module proxy: a newer release may exist. */
export const TEMPORAL_RELEASES_GENERATED_ON: string = releaseTable.generatedOn;

function formatVersion(version: Version): string {
  return `${version.major}.${version.minor}.${version.patch}`;
}

export function findTemporalRelease(version: Version): TemporalRelease | null {
  return TEMPORAL_RELEASES.find((release) => release.version === formatVersion(version)) ?? null;
}

/** The newest release that is not retracted: of one minor line when `line` is given (its patch is ignored). */
export function newestTemporalRelease(line?: Version): TemporalRelease | null {
  const candidates = TEMPORAL_RELEASES.filter((release) => !release.retracted && (!line || sameMinor(release, line)));
  return candidates.at(-1) ?? null;
}

function sameMinor(release: TemporalRelease, line: Version): boolean {
  const version = releaseVersion(release);
  return version.major === line.major && version.minor === line.minor;
}

function releaseVersion(release: TemporalRelease): Version {
  return parseVersion(release.version) as Version;
}

/**
 * How a release is deployed: temporalio/auto-setup, whose last line is 1.29.x (docker-builds
 * README, Jan 2026), or from 1.30.0 the slim temporalio/server with temporalio/admin-tools
 * one-shot jobs (current-temporal.md §2–3). Releases up to 1.29 keep auto-setup: its tags are
 * plain versions, while admin-tools tags before 1.30 carry the tctl and CLI versions
 * (`1.29.1-tctl-1.18.4-cli-1.5.0`).
 */
export type DeploymentShape = "auto-setup" | "server-and-admin-tools";

/** The newest minor Mycelium can deploy: a new minor may change the shape, so it is raised once checked. */
export const DEPLOYABLE_UP_TO = { major: 1, minor: 32 } as const;

const FIRST_SERVER_AND_ADMIN_TOOLS: Version = { major: 1, minor: 30, patch: 0 };

/** The deployment shape of a known, non-retracted release Mycelium can deploy; null for any other version. */
export function deploymentShape(version: Version): DeploymentShape | null {
  const release = findTemporalRelease(version);
  if (!release || release.retracted) return null;
  if (compareVersions(version, { ...DEPLOYABLE_UP_TO, patch: Number.POSITIVE_INFINITY }) > 0) return null;
  return compareVersions(version, FIRST_SERVER_AND_ADMIN_TOOLS) < 0 ? "auto-setup" : "server-and-admin-tools";
}

/**
 * The official image of a release: auto-setup up to 1.29, the slim server from 1.30 (and for a version it cannot
 * deploy).
 */
export function officialTemporalImage(version: string): string {
  const parsed = parseVersion(version);
  const repository = parsed && deploymentShape(parsed) === "auto-setup" ? "temporalio/auto-setup" : "temporalio/server";
  return `${repository}:${version}`;
}

/** The versions Mycelium can deploy, newest first: what a version picker offers. */
export function deployableTemporalVersions(): string[] {
  return TEMPORAL_RELEASES.filter((release) => deploymentShape(releaseVersion(release)) !== null)
    .map((release) => release.version)
    .reverse();
}

/** The deployable versions as a range for sentences, e.g. "1.20.0–1.24.3". */
export function deployableTemporalRange(): string {
  const versions = deployableTemporalVersions();
  return `${versions.at(-1)}–${versions[0]}`;
}

export type TemporalVersionProblem =
  "not-pinned" | "leading-v" | "pre-release" | "minor-only" | "too-old" | "retracted" | "newer-than-known" | "unknown";

export type TemporalReleaseMatch =
  | { ok: true; release: TemporalRelease }
  | { ok: false; problem: TemporalVersionProblem; reason: string; suggestion: string };

/**
 * Whether `text` names a Temporal release Mycelium knows and may offer; if not, why, and the
 * release to write instead. Whether Mycelium can deploy it is deploymentShape's decision.
 */
export function matchTemporalRelease(text: string): TemporalReleaseMatch {
  const trimmed = text.trim();
  const newest = (newestTemporalRelease() as TemporalRelease).version;
  const problem = (kind: TemporalVersionProblem, reason: string, suggestion: string) =>
    ({ ok: false, problem: kind, reason, suggestion }) as const;
  const suggestionFor = (bare: string) => {
    const match = matchTemporalRelease(bare);
    return match.ok ? bare : match.suggestion;
  };

  if (/^v\d/i.test(trimmed)) {
    return problem(
      "leading-v",
      `"${trimmed}" is a Git tag; image tags and Mycelium write the version without the v`,
      suggestionFor(trimmed.slice(1)),
    );
  }
  const preRelease = /^(\d+\.\d+\.\d+)[-+]/.exec(trimmed);
  if (preRelease) {
    return problem(
      "pre-release",
      `${trimmed} is a pre-release or build tag, which Mycelium does not offer`,
      suggestionFor(preRelease[1] as string),
    );
  }
  const version = /^\d+\.\d+(\.\d+)?$/.test(trimmed) ? parseVersion(trimmed) : null;
  if (!version) {
    return problem(
      "not-pinned",
      `"${trimmed}" is not a release number: pin one (the newest ` +
        `is ${newest}), so that every deploy runs the same server`,
      newest,
    );
  }
  const line = newestTemporalRelease(version);
  const lineName = `${version.major}.${version.minor}.x`;
  const patchWritten = trimmed.split(".").length === 3;
  if (line && !patchWritten) {
    return problem(
      "minor-only",
      `${trimmed} names a minor line, not a release: pin a patch release of it`,
      line.version,
    );
  }
  const oldest = TEMPORAL_RELEASES[0] as TemporalRelease;
  if (compareVersions(version, releaseVersion(oldest)) < 0) {
    const oldestLine = newestTemporalRelease(releaseVersion(oldest)) as TemporalRelease;
    return problem(
      "too-old",
      `Temporal ${trimmed} is older than ${oldest.version}, the oldest release Mycelium knows`,
      oldestLine.version,
    );
  }
  const release = findTemporalRelease(version);
  if (release?.retracted) {
    const why = release.retracted.reason ? `: "${release.retracted.reason}"` : " (no reason given)";
    return problem("retracted", `Temporal ${trimmed} is retracted in Temporal's go.mod${why}`, line?.version ?? newest);
  }
  if (release) return { ok: true, release };
  if (line && compareVersions(version, releaseVersion(line)) > 0) {
    return problem(
      "newer-than-known",
      `Temporal ${trimmed} is newer than ${line.version}, the newest ${lineName} release Mycelium knows; ` +
        `its release table (read on ${TEMPORAL_RELEASES_GENERATED_ON}) may be out of date`,
      line.version,
    );
  }
  if (line)
    return problem(
      "unknown",
      `Temporal ${trimmed} is not a ${lineName} release Mycelium knows (newest: ${line.version})`,
      line.version,
    );
  return problem(
    "unknown",
    `Temporal ${trimmed} is not a release Mycelium knows; the newest known is ${newest}`,
    newest,
  );
}

/** The v12 schema family (postgres12, postgres12_pgx) vs the v96 one (postgresql, postgres). */
export function usesV12Schema(plugin: DbPlugin): boolean {
  return plugin === "postgres12" || plugin === "postgres12_pgx";
}

/**
 * The v96 schema family's visibility version, kept by hand (the release table reads v12 only):
 * 1.1 up to 1.23 (schema/postgresql/v96/version.go); 1.24.0 removed the family.
 */
const V96_VISIBILITY = { version: "1.1", lastMinor: 23 } as const;

/**
 * The `schema_version.curr_version` rows a release leaves after its schema setup, for a plugin;
 * null for a version Mycelium does not know or a plugin that release does not have.
 */
export function expectedSchemaVersions(
  temporal: Version,
  plugin: DbPlugin,
): { main: string; visibility: string } | null {
  const schema = findTemporalRelease(temporal)?.schema;
  if (!schema) return null;
  if (usesV12Schema(plugin)) return schema;
  const hasV96 = temporal.major === 1 && temporal.minor <= V96_VISIBILITY.lastMinor;
  return hasV96 ? { main: schema.main, visibility: V96_VISIBILITY.version } : null;
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
      reason:
        `Temporal ${temporal.major}.${temporal.minor} was tested ` +
        `against PostgreSQL 12–15; ${pgMajor} is untested for it`,
    };
  }
  if (pgMajor >= 17) {
    return { level: "untested", reason: `no evidence that Temporal has been tested against PostgreSQL ${pgMajor}` };
  }
  return {
    level: "supported",
    reason: `PostgreSQL ${pgMajor} is tested with Temporal ${temporal.major}.${temporal.minor}`,
  };
}

/** The temporalio/ui release paired with a server release; null for a version not in the table. */
export function pairedUiVersion(temporal: Version): string | null {
  return findTemporalRelease(temporal)?.uiVersion ?? null;
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
      reason:
        `postgres:${text} is newer than the newest ${version.major}.x release ` +
        `Mycelium knows (${version.major}.${newestMinor}); the image may not exist`,
    };
  }
  return { ok: true };
}

/**
 * What Temporal's server opens to PostgreSQL. Each of the four services in its one process
 * (frontend, history, matching, worker) keeps its own pools of up to SQL_MAX_CONNS = 20 main
 * and SQL_VIS_MAX_CONNS = 10 visibility connections (both images' config templates). Counted
 * here in pg_stat_activity: right after a deploy 1.22.0 held 35 + 4 and 1.32.2 34 + 4; a burst
 * of 3,000 workflow starts with 300 in flight took 1.32.2 to 44 + 22, its own persistence rate
 * limits refusing some ("System Persistence Max QPS Reached").
 */
export const TEMPORAL_CONNECTIONS = {
  services: 4,
  poolPerService: { main: 20, visibility: 10 },
  /** The most counted right after a deploy: fewer slots and the server cannot start. */
  atStart: 39,
  /** The most counted under the burst above, and what made it. */
  measuredPeak: 66,
  measuredLoad: "3,000 workflow starts, 300 in flight, on 1.32.2",
} as const;

/** The most the pools may open: every service's pools full. */
export const TEMPORAL_CONNECTION_CEILING =
  TEMPORAL_CONNECTIONS.services *
  (TEMPORAL_CONNECTIONS.poolPerService.main + TEMPORAL_CONNECTIONS.poolPerService.visibility);

/** PostgreSQL keeps this many slots for superusers (`superuser_reserved_connections`). */
export const POSTGRES_RESERVED_CONNECTIONS = 3;
/** Slots left over for psql, the dashboard's own checks and other clients. */
const CONNECTION_HEADROOM = 20;
/** max_connections with room for Temporal under load and for everyone else. */
export const RECOMMENDED_MAX_CONNECTIONS =
  TEMPORAL_CONNECTION_CEILING + POSTGRES_RESERVED_CONNECTIONS + CONNECTION_HEADROOM;

/** The connection figures in words, for findings, checks and comments. */
export function describeTemporalConnections(): string {
  const { services, poolPerService, atStart, measuredPeak, measuredLoad } = TEMPORAL_CONNECTIONS;
  return (
    `Temporal opens about ${atStart} connections as it starts and up to ${TEMPORAL_CONNECTION_CEILING} under load ` +
    `(${services} services, each with pools of ${poolPerService.main} ` +
    `main + ${poolPerService.visibility} visibility; ` +
    `measured here: ${measuredPeak} under ${measuredLoad})`
  );
}
