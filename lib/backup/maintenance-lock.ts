import {
  acquireDeployLock,
  lockHeldBy,
  ProjectLockedError,
  withArticle,
  type LockActivity,
} from "../deploy/deploy-lock";
import { MyceliumError } from "../errors";

/**
 * Backups, restores, password changes and upgrades take the project's deploy lock: a deploy that
 * recreated PostgreSQL in the middle of a dump, or restarted Temporal during a restore, would
 * break them. The lock is the same file (`.deploy.lock`), across processes; a refusal says
 * what holds it.
 */
export async function acquireMaintenanceLock(
  deploymentDir: string,
  activity: Exclude<LockActivity, "deploy">,
): Promise<() => Promise<void>> {
  try {
    return await acquireDeployLock(deploymentDir, activity);
  } catch (error) {
    throw error instanceof ProjectLockedError ? maintenanceRefusal(activity, error) : error;
  }
}

/** The 409 for maintenance that cannot start while `held` says what holds the project's lock. */
function maintenanceRefusal(activity: Exclude<LockActivity, "deploy">, held: ProjectLockedError): MyceliumError {
  const message = `Cannot start ${withArticle(activity)} now: ${lockHeldBy(held.holder)}`;
  return new MyceliumError("conflict:maintenance_running", message, { hint: held.hint });
}

/** Run `work` holding the project's lock for `activity`, released however `work` ends. */
export async function withMaintenanceLock<T>(
  deploymentDir: string,
  activity: Exclude<LockActivity, "deploy">,
  work: () => Promise<T>,
): Promise<T> {
  const release = await acquireMaintenanceLock(deploymentDir, activity);
  try {
    return await work();
  } finally {
    await release();
  }
}
