import { promises as fs } from "node:fs";
import path from "node:path";
import { MyceliumError } from "../errors";

const ACTIVITIES = [
  "deploy",
  "backup",
  "restore",
  "password change",
  "credential update",
  "upgrade",
  "shutdown",
  "removal",
] as const;

/** What holds a project's lock: a deploy, or maintenance that a deploy must not run into. */
export type LockActivity = (typeof ACTIVITIES)[number];

/**
 * One deploy (or maintenance task) per project at a time, across processes (the dashboard and
 * a CLI run): a lock file holding the owner's pid and what it does. A lock whose process is
 * gone is stale and taken over. A refusal names what holds the lock.
 */
export async function acquireDeployLock(
  deploymentDir: string,
  activity: LockActivity = "deploy",
): Promise<() => Promise<void>> {
  await fs.mkdir(deploymentDir, { recursive: true, mode: 0o700 });
  const lockPath = path.join(deploymentDir, ".deploy.lock");
  let holder: LockActivity = "deploy";
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await fs.writeFile(lockPath, JSON.stringify({ pid: process.pid, since: new Date().toISOString(), activity }), {
        flag: "wx",
        mode: 0o600,
      });
      return async () => {
        await fs.rm(lockPath, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = await readOwner(lockPath);
      holder = owner?.activity ?? "deploy";
      if (owner && owner.pid !== process.pid && isProcessAlive(owner.pid)) break;
      if (owner?.pid === process.pid) break;
      await fs.rm(lockPath, { force: true });
    }
  }
  throw new ProjectLockedError(holder);
}

/** "a deploy of this project is already running.": what holds the lock, as a clause. */
export function lockHeldBy(holder: LockActivity): string {
  if (holder === "deploy") return "a deploy of this project is already running.";
  return `${withArticle(holder)} of this project is running.`;
}

/** "a backup", "an upgrade". */
export function withArticle(activity: LockActivity): string {
  return `${/^[aeiou]/.test(activity) ? "an" : "a"} ${activity}`;
}

const LOCK_HINTS = {
  deploy: "Wait for it to finish (the deploy page shows its progress), then try again.",
  upgrade: "Wait for it to finish (`mycelium upgrade --status` shows its steps), then try again.",
  maintenance:
    "Wait for it to finish (the Maintenance page shows backups, restores and password changes), then try again.",
} as const;

/** The lock is held (409); `holder` says by what, so callers can word their own refusal. */
export class ProjectLockedError extends MyceliumError {
  constructor(readonly holder: LockActivity) {
    const sentence = lockHeldBy(holder);
    super(
      holder === "deploy" ? "conflict:deploy_running" : "conflict:maintenance_running",
      sentence.charAt(0).toUpperCase() + sentence.slice(1),
      {
        hint: LOCK_HINTS[holder === "deploy" || holder === "upgrade" ? holder : "maintenance"],
      },
    );
  }
}

async function readOwner(lockPath: string): Promise<{ pid: number; activity: LockActivity } | null> {
  try {
    const owner = JSON.parse(await fs.readFile(lockPath, "utf8")) as { pid?: unknown; activity?: unknown };
    const activity = ACTIVITIES.find((known) => known === owner.activity) ?? "deploy";
    return typeof owner.pid === "number" ? { pid: owner.pid, activity } : null;
  } catch {
    return null;
  }
}

/** Whether a process with this pid exists (one of another user's counts). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
