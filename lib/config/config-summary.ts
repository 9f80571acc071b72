import type { Finding } from "./findings";
import type { MyceliumConfig } from "./schema";

/**
 * The text `mycelium config validate` prints, in the deployment guide's Step 2 format.
 * Browser-safe: the config editor shows the same summary.
 */

/** The guide's "✓ Configuration valid" block, without a trailing newline. */
export function formatConfigSummary(path: string, config: MyceliumConfig): string {
  return [
    `✓ Configuration valid: ${path}`,
    "Configuration Summary:",
    `  Project: ${config.project_name}`,
    `  Schema Version: ${config.version}`,
    `  Deployment: ${config.deployment.method}`,
    `  Enabled Services: ${describeEnabledServices(config)}`,
  ].join("\n");
}

function describeEnabledServices(config: MyceliumConfig): string {
  const { redis, postgres, temporal } = config.services;
  const services: string[] = [];
  if (redis.enabled) services.push(`redis (port ${redis.port})`);
  if (postgres.enabled) services.push(`postgres (port ${postgres.port})`);
  if (temporal.enabled) {
    services.push(
      temporal.ui_enabled
        ? `temporal (UI: ${temporal.ui_port}, gRPC: ${temporal.frontend_port})`
        : `temporal (gRPC: ${temporal.frontend_port})`,
    );
  }
  return services.length > 0 ? services.join(", ") : "none";
}

/**
 * Compiler-style lines, errors before warnings, each followed by its fix:
 * `config.yaml:12:11: error: services.postgres.port must be …` / `  fix: write 5432 without quotes`.
 * Ends with a count line; no trailing newline.
 */
export function formatFindings(findings: readonly Finding[], path: string): string {
  const ordered = [
    ...findings.filter((finding) => finding.severity === "error"),
    ...findings.filter((finding) => finding.severity === "warning"),
  ];
  const lines = ordered.flatMap((finding) => {
    const where = finding.line !== undefined ? `${path}:${finding.line}:${finding.column ?? 1}` : path;
    return [`${where}: ${finding.severity}: ${finding.message}`, `  fix: ${finding.fix}`];
  });
  const errors = ordered.filter((finding) => finding.severity === "error").length;
  const warnings = ordered.length - errors;
  lines.push(`${plural(errors, "error")}, ${plural(warnings, "warning")}`);
  return lines.join("\n");
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}
