import path from "node:path";
import { resolveDeploymentsRoot, type Environment } from "../config/config-location";
import { PROJECT_NAME_PATTERN } from "../config/schema";
import { MyceliumError } from "../errors";

/**
 * Backups live beside the deployments: `$XDG_DATA_HOME/mycelium/backups/<project>/<id>/`
 * (default `~/.local/share/mycelium/backups/...`). An id is the UTC time the backup was
 * started, `YYYYMMDD-HHMMSS-mmm`: it sorts by age, and it is the only thing a request may
 * name, so it is checked against this pattern before it ever becomes a path.
 */
export const BACKUP_ID_PATTERN = /^\d{8}-\d{6}-\d{3}$/;

/** Directories being written start with a dot and never match the id pattern. */
export const PARTIAL_PREFIX = ".partial-";

export const MANIFEST_FILE = "manifest.json";

export function resolveBackupsRoot(env: Environment = process.env): string {
  return path.join(path.dirname(resolveDeploymentsRoot(env)), "backups");
}

export function projectBackupsDirectory(project: string, env: Environment = process.env): string {
  if (!PROJECT_NAME_PATTERN.test(project)) {
    throw new MyceliumError("bad_request:project_name", `"${project.slice(0, 80)}" is not a valid project name.`, {
      hint: "Use 1–63 characters of a–z, 0–9 and '-', starting with a letter or digit.",
    });
  }
  return path.join(resolveBackupsRoot(env), project);
}

export function newBackupId(now: Date = new Date()): string {
  const iso = now.toISOString(); // 2025-03-14T10:15:30.123Z
  return `${iso.slice(0, 10).replaceAll("-", "")}-${iso.slice(11, 19).replaceAll(":", "")}-${iso.slice(20, 23)}`;
}

/** The moment an id stands for, or null when it is not a real date. */
export function backupIdTime(id: string): Date | null {
  if (!BACKUP_ID_PATTERN.test(id)) return null;
  const iso =
    `${id.slice(0, 4)}-${id.slice(4, 6)}-${id.slice(6, 8)}T${id.slice(9, 11)}:` +
    `${id.slice(11, 13)}:${id.slice(13, 15)}.${id.slice(16, 19)}Z`;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) || date.toISOString() !== iso ? null : date;
}

export function assertBackupId(id: string): void {
  if (!backupIdTime(id)) {
    throw new MyceliumError("bad_request:backup_id", `"${id.slice(0, 40)}" is not a backup id.`, {
      hint: "Backup ids look like 20250314-101530-123; `mycelium backup list` shows them.",
    });
  }
}

/**
 * The directory of one backup. The id is checked first, and the resolved path must still be
 * a direct child of the project's backup directory: no `..`, no absolute path, no symlink name.
 */
export function backupDirectory(project: string, id: string, env: Environment = process.env): string {
  assertBackupId(id);
  const parent = path.resolve(projectBackupsDirectory(project, env));
  const target = path.resolve(parent, id);
  if (path.dirname(target) !== parent || path.basename(target) !== id) {
    throw new MyceliumError("bad_request:backup_id", `"${id.slice(0, 40)}" is not a backup id.`);
  }
  return target;
}
