import { formatTime } from "../backup/format-backup";
import { formatDeployEvent, formatUptime } from "../deploy/format-deploy";
import type { SchemaChange, UpgradePlan } from "./plan-upgrade";
import type { UpgradeEvent } from "./run-upgrade";
import type { UpgradeRecord } from "./upgrade-history";

/** The images each deployment shape runs, as people name them. */
export const SHAPE_NAMES = {
  "auto-setup": "temporalio/auto-setup",
  "server-and-admin-tools": "temporalio/server + admin-tools",
} as const;

function formatSchemaChange(change: SchemaChange): string {
  const versions = change.from === change.to ? `${change.to} (unchanged)` : `${change.from} → ${change.to}`;
  return `${change.database} ${versions}`;
}

/** The plan as the CLI shows it before asking to proceed. */
export function formatUpgradePlan(plan: UpgradePlan): string {
  const count = `${plan.steps.length} step${plan.steps.length === 1 ? "" : "s"}`;
  const lines = [
    `Upgrade plan for ${plan.project}: Temporal ${plan.from} → ${plan.to}, ${count}, one minor at a time`,
    `  Backup: ${plan.backup.note}`,
  ];
  for (const step of plan.steps) {
    const schema = step.schema.map(formatSchemaChange).join(", ");
    lines.push(`  ${`${step.number}.`.padEnd(3)} Temporal ${step.version.padEnd(7)} ${SHAPE_NAMES[step.shape]}`);
    if (step.shapeChange) {
      lines.push("        shape change: the schema job migrates, then temporalio/server starts on the same data");
    }
    lines.push(`        schema: ${schema}`);
    lines.push(`        pull:   ${step.images.join(", ") || "nothing new"}`);
  }
  lines.push(`  Estimate: about ${formatUptime(plan.estimate.seconds)} (${plan.estimate.basis}).`);
  for (const warning of plan.warnings) lines.push(`  ⚠ ${warning}`);
  return lines.join("\n");
}

/** One line per event for the CLI; the deploy's own events print as a deploy prints them. */
export function formatUpgradeEvent(event: UpgradeEvent): string | null {
  switch (event.type) {
    case "upgrade-phase":
      return `▸ ${event.message}`;
    case "upgrade-step":
      return event.stage === "starting" ? `\n■ ${event.message}` : `▸ ${event.message}`;
    case "step-succeeded":
      return `✓ Step ${event.step}: Temporal ${event.version} is healthy (${(event.durationMs / 1000).toFixed(1)} s)`;
    default:
      return formatDeployEvent(event);
  }
}

/** Where an upgrade stands or how it ended, in a few words (the CLI's history, the dashboard's overview). */
export function describeUpgradeOutcome(record: Pick<UpgradeRecord, "state" | "runningVersion">): string {
  return {
    running: `running, on ${record.runningVersion} so far`,
    succeeded: "succeeded",
    failed: `failed; the stack was left on ${record.runningVersion}`,
    interrupted: `interrupted (its process ended); last good step ${record.runningVersion}`,
  }[record.state];
}

function formatRecord(record: UpgradeRecord): string[] {
  const outcome = describeUpgradeOutcome(record);
  const lines = [`  ${formatTime(record.startedAt)}  ${record.from} → ${record.to}  ${outcome}`];
  if (record.backupId) lines.push(`    backup taken first: ${record.backupId}`);
  for (const step of record.steps) {
    const symbol = step.state === "succeeded" ? "✓" : "✗";
    const shape = SHAPE_NAMES[step.shape];
    lines.push(`    ${symbol} ${step.number}. Temporal ${step.version} (${shape}), ${formatTime(step.finishedAt)}`);
  }
  if (record.error) lines.push(`    ✗ ${record.error.message}`);
  if (record.error?.hint) lines.push(`      ${record.error.hint}`);
  if (record.state !== "succeeded" && record.restoreCommand) lines.push(`    To go back: ${record.restoreCommand}`);
  return lines;
}

/** `mycelium upgrade --status`: the project's upgrades, newest first, each with its steps. */
export function formatUpgradeHistory(project: string, records: readonly UpgradeRecord[]): string {
  if (records.length === 0) return `No upgrades of ${project} yet. Plan one with \`mycelium upgrade --to VERSION\`.`;
  return [`Upgrades of ${project}, newest first:`, ...records.flatMap(formatRecord)].join("\n");
}
