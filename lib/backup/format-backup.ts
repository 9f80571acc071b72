import type { BackupSummary } from "./list-backups";
import type { RestoreResult } from "./restore-backup";

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ["KB", "MB", "GB", "TB"];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

/** `2025-03-14 10:15:30 UTC`: the same on every machine, no locale surprises in scripts. */
export function formatTime(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
}

const AUTOMATIC_NOTES = { "before-restore": "before a restore", "before-upgrade": "before an upgrade" } as const;

export function formatBackupList(project: string, directory: string, backups: BackupSummary[]): string {
  if (backups.length === 0)
    return `No backups of ${project} yet (they are kept in ${directory}). Create one with \`mycelium backup create\`.`;
  const lines = [`Backups of ${project} (${directory}), newest first:`];
  for (const backup of backups) {
    const note = backup.reason === "manual" ? "" : `  (automatic, ${AUTOMATIC_NOTES[backup.reason]})`;
    lines.push(
      `  ${backup.id}  ${formatTime(backup.createdAt)}  ${formatBytes(backup.totalBytes).padStart(8)} ` +
        ` ${backup.databases.map((d) => d.name).join(", ")}${note}`,
    );
  }
  lines.push("Restore one with `mycelium backup restore <id> --confirm " + project + "`.");
  return lines.join("\n");
}

export function formatBackupCreated(backup: BackupSummary, directory: string): string {
  return [
    `✓ Backup ${backup.id} created: ` +
      `${backup.databases.map((d) => `${d.name} (${formatBytes(d.bytes)})`).join(", ")}, ` +
      `${formatBytes(backup.totalBytes)} in ${(backup.durationMs / 1000).toFixed(1)} s`,
    `  ${directory}`,
  ].join("\n");
}

export function formatRestored(result: RestoreResult): string {
  const lines = [
    `✓ Backup ${result.id} restored into ${result.databases.join(" and ")} ` +
      `in ${(result.durationMs / 1000).toFixed(1)} s`,
  ];
  if (result.restarted.length) lines.push(`  Restarted and healthy: ${result.restarted.join(", ")}`);
  if (result.safetyBackupId) lines.push(`  The data as it was before is in backup ${result.safetyBackupId}.`);
  return lines.join("\n");
}
