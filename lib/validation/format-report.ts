import type { ValidationReport } from "./validation-report";
import { COMPONENT_ORDER, type CheckComponent, type CheckStatus } from "./validation-check";

export const STATUS_SYMBOL: Record<CheckStatus, string> = { pass: "✓", warn: "⚠", fail: "✗", skip: "–" };

const COMPONENT_HEADING: Record<CheckComponent, string> = {
  postgres: "PostgreSQL",
  temporal: "Temporal",
  integration: "Integration (Temporal ↔ PostgreSQL)",
  ui: "Temporal UI (optional)",
  redis: "Redis (optional)",
};

const OVERALL = {
  healthy: { symbol: "✓", text: "HEALTHY" },
  degraded: { symbol: "⚠", text: "DEGRADED (can proceed)" },
  unhealthy: { symbol: "✗", text: "UNHEALTHY (cannot proceed)" },
} as const;

const ms = (value: number) => (value < 10 ? `${value.toFixed(1)} ms` : `${Math.round(value)} ms`);
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/**
 * The plain-text report, in the spirit of the guide: overall status first, then the root
 * cause with its remedy, then every check grouped by component.
 */
export function formatReportSummary(report: ValidationReport): string {
  const lines: string[] = [];
  const overall = OVERALL[report.status];
  const counts = report.counts();
  lines.push(`${overall.symbol} Deployment ${overall.text}`);
  const when = report.startedAt.replace("T", " ").replace(/\.\d+Z$/, " UTC");
  lines.push(
    `  ${report.project ? `project ${report.project} · ` : ""}${when} · ` +
      `${plural(report.checks.length, "check")} in ${ms(report.durationMs)}`,
  );

  for (const note of report.settling()) lines.push(`  Still settling: ${note}`);

  const causes = report.rootCauses();
  const [first, ...others] = causes;
  if (first) {
    lines.push("");
    lines.push(`Root cause: ${first.message}`);
    if (first.hint) lines.push(`  → ${first.hint}`);
    if (first.remedy) lines.push(`  see troubleshooting ${first.remedy}`);
    for (const other of others) lines.push(`Also failing: ${other.message}`);
  } else {
    const warnings = report.checks.filter((c) => c.status === "warn");
    if (warnings.length > 0) {
      lines.push("");
      for (const warning of warnings) lines.push(`Warning: ${warning.message}`);
    }
  }

  const width = Math.min(40, Math.max(...report.checks.map((c) => c.title.length), 10));
  for (const component of COMPONENT_ORDER) {
    const checks = report.checks.filter((c) => c.component === component);
    if (checks.length === 0) continue;
    lines.push("");
    lines.push(COMPONENT_HEADING[component]);
    for (const check of checks) {
      const duration = check.status === "skip" ? "" : `  (${ms(check.durationMs)})`;
      lines.push(`  ${STATUS_SYMBOL[check.status]} ${check.title.padEnd(width)}  ${check.message}${duration}`);
      if (check.status === "fail" || check.status === "warn") {
        if (check.hint && check !== first) lines.push(`    → ${check.hint}`);
      }
    }
  }

  const logged = report.containers.filter((c) => c.logs.length > 0);
  if (logged.length > 0) {
    lines.push("");
    lines.push(
      `Logs collected for diagnosis: ` +
        `${logged.map((c) => `${c.containerName} (last ${c.logs.length} lines)`).join(", ")}`,
    );
  }
  lines.push("");
  lines.push(
    `${counts.pass} passed · ${plural(counts.warn, "warning")} · ${counts.fail} failed · ${counts.skip} skipped`,
  );
  return lines.join("\n");
}
