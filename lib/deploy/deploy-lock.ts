import { promises as fs } from "node:fs";
import path from "node:path";
import { MyceliumError } from "../errors";

/**
 * One deploy per project at a time, across processes (the dashboard and a CLI run): a lock
 * file holding the owner's pid. A lock whose process is gone is stale and taken over.
 */
export async function acquireDeployLock(deploymentDir: string): Promise<() => Promise<void>> {
  await fs.mkdir(deploymentDir, { recursive: true, mode: 0o700 });
  const lockPath = path.join(deploymentDir, ".deploy.lock");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await fs.writeFile(lockPath, JSON.stringify({ pid: process.pid, since: new Date().toISOString() }), { flag: "wx", mode: 0o600 });
      return async () => {
        await fs.rm(lockPath, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = await readOwner(lockPath);
      if (owner && owner.pid !== process.pid && isAlive(owner.pid)) break;
      if (owner?.pid === process.pid) break;
      await fs.rm(lockPath, { force: true });
    }
  }
  throw new MyceliumError("conflict:deploy_running", "A deploy of this project is already running.", {
    hint: "Wait for it to finish (the deploy page shows its progress), then try again.",
  });
}

async function readOwner(lockPath: string): Promise<{ pid: number } | null> {
  try {
    const owner = JSON.parse(await fs.readFile(lockPath, "utf8")) as { pid?: unknown };
    return typeof owner.pid === "number" ? { pid: owner.pid } : null;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
