import { promises as fs } from "node:fs";
import path from "node:path";
import { totalBytes, readManifest, type BackupManifest } from "./backup-manifest";
import { backupIdTime, projectBackupsDirectory } from "./backup-paths";

/** One backup as lists show it: no paths inside other than its own directory. */
export interface BackupSummary {
  id: string;
  project: string;
  createdAt: string;
  reason: BackupManifest["reason"];
  totalBytes: number;
  durationMs: number;
  databases: { name: string; bytes: number }[];
  postgresVersion: string | null;
  temporalVersion: string | null;
}

export function summarizeBackup(manifest: BackupManifest): BackupSummary {
  return {
    id: manifest.id,
    project: manifest.project,
    createdAt: manifest.createdAt,
    reason: manifest.reason,
    totalBytes: totalBytes(manifest),
    durationMs: manifest.durationMs,
    databases: manifest.databases.map(({ name, bytes }) => ({ name, bytes })),
    postgresVersion: manifest.postgres.version,
    temporalVersion: manifest.temporal.version,
  };
}

/**
 * The project's complete backups, newest first. Only directories named like an id, holding a
 * valid manifest of this project, count: a backup being written (`.partial-…`) or a damaged
 * one is not offered for a restore.
 */
export async function listBackups(project: string): Promise<BackupSummary[]> {
  const directory = projectBackupsDirectory(project);
  let entries: import("node:fs").Dirent[];
  try {
    entries = await fs.readdir(directory, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  const summaries: BackupSummary[] = [];
  for (const entry of entries) {
    if (!entry.isDirectory() || !backupIdTime(entry.name)) continue;
    const manifest = await readManifest(path.join(directory, entry.name));
    if (manifest && manifest.id === entry.name && manifest.project === project)
      summaries.push(summarizeBackup(manifest));
  }
  return summaries.sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
}
