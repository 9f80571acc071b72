import { execFileSync, spawn } from "node:child_process";
import { openSync } from "node:fs";
import { rename } from "node:fs/promises";
import { pingDocker } from "../../scripts/test-prerequisites.mjs";

/**
 * Stopping and starting this machine's real dockerd, for the tests of what a user sees when
 * the engine goes away. Needs root (CI runs as root). The daemon is started the way
 * scripts/prepare-test-machine.sh starts it, so it reads the same /etc/docker/daemon.json
 * (the local registry as its mirror).
 */

const DOCKERD_LOG = "/var/log/mycelium-dockerd.log";

/** Poll `condition` every 200 ms until it holds; throws "<what> within N s" when time runs out. */
export async function waitUntil(
  condition: () => Promise<boolean> | boolean,
  timeoutMs: number,
  what: string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`${what} within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

export function requireRoot(): void {
  if (process.getuid?.() !== 0) throw new Error("This test stops and starts dockerd, which needs root.");
}

function dockerdRunning(): boolean {
  try {
    execFileSync("pgrep", ["-x", "dockerd"]);
    return true;
  } catch {
    return false;
  }
}

function spawnDockerd(): void {
  const log = openSync(DOCKERD_LOG, "a");
  spawn("dockerd", [], { detached: true, stdio: ["ignore", log, log] }).unref();
}

/** Pull the plug: SIGTERM to dockerd. Resolves once it has exited when `wait` is set. */
export async function stopDockerDaemon({ wait = false } = {}): Promise<void> {
  execFileSync("pkill", ["-TERM", "-x", "dockerd"]);
  if (wait) await waitUntil(() => !dockerdRunning(), 60_000, "dockerd did not exit");
}

/**
 * Start dockerd once the old one has fully exited, and wait until it answers. Docker 20.10
 * can leave its network store unreadable when killed mid-write (it then panics in
 * libnetwork reservePools at start); the test machine's networks are disposable, so that
 * store is moved aside and the daemon started again.
 */
export async function startDockerDaemon(): Promise<void> {
  await waitUntil(() => !dockerdRunning(), 60_000, "the old dockerd did not exit");
  spawnDockerd();
  try {
    await waitUntil(async () => (await pingDocker()) === null, 30_000, "dockerd did not answer");
  } catch {
    if (dockerdRunning()) throw new Error("dockerd is running but does not answer");
    const store = "/var/lib/docker/network/files/local-kv.db";
    await rename(store, `${store}.unreadable-${Date.now()}`).catch(() => undefined);
    spawnDockerd();
    await waitUntil(
      async () => (await pingDocker()) === null,
      60_000,
      "dockerd did not answer after its network store was set aside",
    );
  }
}

/** Whatever a test asserted, the next one needs a daemon. */
export async function startDockerDaemonIfDown(): Promise<void> {
  if ((await pingDocker()) !== null || !dockerdRunning()) await startDockerDaemon();
}
