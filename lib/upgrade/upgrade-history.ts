import { promises as fs } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { resolveStateDirectory } from "../config/config-location";
import { PROJECT_NAME_PATTERN } from "../config/schema";
import { isProcessAlive } from "../deploy/deploy-lock";
import { writeFileAtomic } from "../fs/atomic-write";

/** Upgrades kept per project. */
export const UPGRADE_HISTORY_LIMIT = 20;

const errorEntry = z.object({ code: z.string(), message: z.string(), hint: z.string().optional() });

const stepEntry = z.object({
  number: z.number().int().positive(),
  version: z.string(),
  shape: z.enum(["auto-setup", "server-and-admin-tools"]),
  startedAt: z.string(),
  finishedAt: z.string(),
  state: z.enum(["succeeded", "failed"]),
  /** The validation that closed the step: its status and root cause, when it ran. */
  validation: z
    .object({ status: z.enum(["healthy", "degraded", "unhealthy"]), rootCause: z.string().nullable() })
    .nullable(),
  error: errorEntry.nullable(),
  /** The failing container's last log lines (secrets redacted by the deploy), for a failed step. */
  logTail: z.array(z.string()),
});

const upgradeEntry = z.object({
  id: z.string(),
  project: z.string(),
  from: z.string(),
  to: z.string(),
  /** The process running it: a `running` upgrade whose process is gone was interrupted. */
  pid: z.number().int(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  state: z.enum(["running", "succeeded", "failed", "interrupted"]),
  backupId: z.string().nullable(),
  /** The version the stack was left on: the last step that succeeded, else `from`. */
  runningVersion: z.string(),
  steps: z.array(stepEntry),
  error: errorEntry.nullable(),
  /** What takes the data back to before the upgrade (null when Mycelium took no backup). */
  restoreCommand: z.string().nullable(),
});

const historyFile = z.object({ format: z.literal("mycelium-upgrades/1"), upgrades: z.array(upgradeEntry) });

export type UpgradeStepRecord = z.infer<typeof stepEntry>;
export type UpgradeRecord = z.infer<typeof upgradeEntry>;

/** `$XDG_STATE_HOME/mycelium/upgrades/<project>.json`, else under `~/.local/state`. */
export function upgradeHistoryPath(project: string, stateDirectory: string = resolveStateDirectory()): string {
  if (!PROJECT_NAME_PATTERN.test(project)) {
    throw new Error(`invalid project name ${JSON.stringify(project.slice(0, 80))}`);
  }
  return path.join(stateDirectory, "upgrades", `${project}.json`);
}

async function readRecords(file: string): Promise<UpgradeRecord[]> {
  let text: string;
  try {
    text = await fs.readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  try {
    const parsed = historyFile.safeParse(JSON.parse(text));
    // A damaged or hand-edited file is read as empty, not fatal: the engine still says what runs.
    return parsed.success ? parsed.data.upgrades : [];
  } catch {
    return [];
  }
}

/** The project's upgrades, newest first; one whose process died while it ran reads as interrupted. */
export async function readUpgradeHistory(project: string, stateDirectory?: string): Promise<UpgradeRecord[]> {
  const records = await readRecords(upgradeHistoryPath(project, stateDirectory));
  return records
    .map((record) => {
      const died = record.state === "running" && !isProcessAlive(record.pid);
      return died ? { ...record, state: "interrupted" as const } : record;
    })
    .reverse();
}

/**
 * Add or replace (by id) an upgrade and keep the newest UPGRADE_HISTORY_LIMIT. The file is
 * rewritten whole through a temp file and a rename: a reader sees the old history or the new one.
 * Only the process holding the project's lock writes it, so writes do not race.
 */
export async function saveUpgradeRecord(record: UpgradeRecord, stateDirectory?: string): Promise<void> {
  const file = upgradeHistoryPath(record.project, stateDirectory);
  const others = (await readRecords(file)).filter((entry) => entry.id !== record.id);
  const upgrades = [...others, record].slice(-UPGRADE_HISTORY_LIMIT);
  const text = `${JSON.stringify({ format: "mycelium-upgrades/1", upgrades }, null, 2)}\n`;
  await writeFileAtomic(file, text, { mode: 0o600 });
}
