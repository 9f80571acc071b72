import {
  acceptedDbPlugins,
  defaultDbPlugin,
  deployableTemporalVersions,
  deploymentShape,
  matchTemporalRelease,
  parseVersion,
  postgresCompatibility,
  postgresImageMatch,
  type DbPlugin,
  type Version,
} from "./compat";
import type { Finding } from "./findings";
import type { MyceliumConfig } from "./schema";
import { defaultValueAt } from "./schema-introspection";

/**
 * Versions and their pairings: the images must exist, the Temporal version must be a release
 * Mycelium knows and can deploy, the auto-setup image must accept the DB plugin, and the
 * PostgreSQL major must suit the server.
 * The facts come from compat.ts; this file only turns its verdicts into findings.
 */
export function checkServiceVersions(config: MyceliumConfig): Finding[] {
  const { postgres, temporal } = config.services;
  const findings: Finding[] = [];
  if (temporal.enabled && !postgres.enabled) {
    findings.push({
      severity: "error",
      code: "temporal-needs-postgres",
      path: "services.postgres.enabled",
      message:
        "services.temporal is enabled but services.postgres is disabled: Temporal keeps all its state in PostgreSQL",
      fix: "set services.postgres.enabled: true, or disable services.temporal",
    });
  }
  const postgresVersion = postgres.enabled ? checkPostgresVersion(postgres.version, findings) : null;
  if (!temporal.enabled) return findings;

  const temporalVersion = checkTemporalVersion(temporal.version, findings);
  if (!temporalVersion) return findings;

  if (postgresVersion) {
    findings.push(...checkPluginAndCompatibility(config, temporalVersion, postgresVersion));
  }
  return findings;
}

/** The Temporal version when it is a release Mycelium knows and can deploy; else a finding and null. */
function checkTemporalVersion(text: string, findings: Finding[]): Version | null {
  const path = "services.temporal.version";
  const match = matchTemporalRelease(text);
  if (!match.ok) {
    findings.push({
      severity: "error",
      code: `temporal-version-${match.problem}`,
      path,
      message: `${path}: ${match.reason}`,
      fix: `set ${path} to "${match.suggestion}"`,
    });
    return null;
  }
  const version = parseVersion(match.release.version) as Version;
  if (deploymentShape(version) === null) {
    const newestDeployable = deployableTemporalVersions()[0];
    findings.push({
      severity: "error",
      code: "temporal-version-not-deployable",
      path,
      message:
        `${path}: Mycelium cannot deploy Temporal ${version.major}.${version.minor}.x ` +
        `yet (newest deployable: ${newestDeployable})`,
      fix: `set ${path} to "${newestDeployable}"`,
    });
    return null;
  }
  return version;
}

function checkPostgresVersion(text: string, findings: Finding[]): Version | null {
  const match = postgresImageMatch(text);
  if (!match.ok) {
    const isError = match.severity === "error";
    findings.push({
      severity: match.severity,
      code: isError ? "postgres-version-invalid" : "postgres-version-unknown",
      path: "services.postgres.version",
      message: `services.postgres.version: ${match.reason}`,
      fix: isError
        ? `write a PostgreSQL version such as "${String(defaultValueAt(["services", "postgres", "version"]))}"`
        : `check that the postgres:${text} image exists, or use a release Mycelium knows`,
    });
    if (isError) return null;
  }
  return parseVersion(text);
}

function checkPluginAndCompatibility(config: MyceliumConfig, temporal: Version, postgres: Version): Finding[] {
  const { temporal: temporalConfig, postgres: postgresConfig } = config.services;
  const chosen = temporalConfig.db_plugin;
  if (chosen && !acceptedDbPlugins(temporal).includes(chosen)) {
    const accepted = acceptedDbPlugins(temporal);
    const legacyNote =
      chosen === "postgresql" || chosen === "postgres"
        ? ` The guide's DB=${chosen} is the legacy v96 schema, which this server version no longer ships.`
        : "";
    return [
      {
        severity: "error",
        code: "db-plugin-unsupported",
        path: "services.temporal.db_plugin",
        message:
          `services.temporal.db_plugin is ${chosen}, which ` +
          `temporalio/auto-setup:${temporalConfig.version} does not accept: ` +
          `the container exits with "${autoSetupPluginRejection(temporal, chosen)}"${legacyNote}`,
        fix:
          `set db_plugin to ${accepted.join(" or ")}, or remove it to ` +
          `let Mycelium choose (${defaultDbPlugin(temporal, postgres)})`,
      },
    ];
  }
  const plugin = chosen ?? defaultDbPlugin(temporal, postgres);
  const verdict = postgresCompatibility(temporal, postgres, plugin);
  const pairing = `PostgreSQL ${postgresConfig.version} with Temporal ${temporalConfig.version} (plugin ${plugin})`;
  if (verdict.level === "incompatible") {
    return [
      {
        severity: "error",
        code: "pg-temporal-incompatible",
        path: "services.postgres.version",
        message: `${pairing} cannot work: ${verdict.reason}`,
        fix:
          `choose a PostgreSQL version this Temporal release supports, e.g. ` +
          `"${String(defaultValueAt(["services", "postgres", "version"]))}"`,
      },
    ];
  }
  if (verdict.level === "untested") {
    return [
      {
        severity: "warning",
        code: "pg-temporal-untested",
        path: "services.postgres.version",
        message: `${pairing} is untested: ${verdict.reason}`,
        fix:
          "use a PostgreSQL version tested with this Temporal " +
          "release, or keep this one knowing the pairing is untested",
      },
    ];
  }
  return [];
}

/** What the auto-setup entrypoint prints before exiting for a `DB` value it does not know. */
function autoSetupPluginRejection(temporal: Version, plugin: DbPlugin): string {
  // 1.24's image validates drivers up front (docker-builds release/v1.24.x); earlier ones fail in validate_db_env.
  if (temporal.major === 1 && temporal.minor >= 24) {
    return (
      `Unsupported driver specified: 'DB=${plugin}'. Valid ` +
      `drivers are: mysql8, postgres12, postgres12_pgx, cassandra.`
    );
  }
  return `Unsupported DB type: ${plugin}.`;
}
