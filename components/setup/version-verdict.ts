import {
  defaultDbPlugin,
  parseVersion,
  postgresCompatibility,
  type Compatibility,
  type DbPlugin,
} from "@/lib/config/compat";

export type VersionVerdict = Compatibility & { plugin: DbPlugin };

/** What the chosen pair amounts to, with the plugin Temporal would use; null while a version does not parse. */
export function versionVerdict(temporalVersion: string, postgresVersion: string): VersionVerdict | null {
  const temporal = parseVersion(temporalVersion);
  const postgres = parseVersion(postgresVersion);
  if (!temporal || !postgres) return null;
  const plugin = defaultDbPlugin(temporal, postgres);
  return { plugin, ...postgresCompatibility(temporal, postgres, plugin) };
}

const VERDICT_ICON: Record<Compatibility["level"], string> = { supported: "✓ ", untested: "⚠ ", incompatible: "✗ " };

export function verdictSentence(verdict: VersionVerdict): string {
  return (
    `${VERDICT_ICON[verdict.level]}${verdict.reason[0]!.toUpperCase() + verdict.reason.slice(1)}. ` +
    `Temporal will use the ${verdict.plugin} plugin.`
  );
}
