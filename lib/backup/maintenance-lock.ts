import { acquireDeployLock } from "../deploy/deploy-lock";
import { MyceliumError } from "../errors";

/**
 * Backups, restores and password changes take the project's deploy lock: a deploy that
 * recreated PostgreSQL in the middle of a dump, or restarted Temporal during a restore, would
 * break them. The lock is the same file (`.deploy.lock`), across processes.
 */
export async function acquireMaintenanceLock(deploymentDir: string, what: string): Promise<() => Promise<void>> {
  try {
    return await acquireDeployLock(deploymentDir);
  } catch (error) {
    if (error instanceof MyceliumError && error.code === "conflict:deploy_running") {
      throw new MyceliumError("conflict:maintenance_running", `Cannot ${what} now: a deploy, backup, restore or password change of this project is running.`, {
        hint: "Wait for it to finish (the Deploy and Maintenance pages show it), then try again.",
      });
    }
    throw error;
  }
}
