import { execFileSync, spawn } from "node:child_process";
import { openSync, promises as fs } from "node:fs";
import { rename } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { configSchema, type MyceliumConfig } from "../../lib/config/schema";
import type { DeployEvent } from "../../lib/deploy/deploy-events";
import { startDeploy } from "../../lib/deploy/deploy-session";
import type { MyceliumError } from "../../lib/errors";
import { followProjectLogs, logStreamCounters } from "../../lib/logs/project-log-stream";
import { pingDocker } from "../../scripts/test-prerequisites.mjs";
import { findFreePort } from "../support/dashboard-server";
import { docker, removeProject, requireTestImages, TEST_IMAGES, uniqueProjectName } from "../support/docker-fixtures";

/**
 * The Docker daemon dies in the middle of a deploy: the user gets "Docker is not running"
 * instead of a stack trace, and once the daemon is back a rerun finishes the job.
 * Stops and restarts this machine's dockerd, so it needs root (CI runs as root).
 */

async function waitFor(condition: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const DOCKERD_LOG = "/var/log/mycelium-dockerd.log";

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

/**
 * Start dockerd once the old one has fully exited, and wait until it answers. Docker 20.10
 * can leave its network store unreadable when killed mid-write (it then panics in
 * libnetwork reservePools at start); the test machine's networks are disposable, so that
 * store is moved aside and the daemon started again.
 */
async function restartDockerDaemon(): Promise<void> {
  await waitFor(async () => !dockerdRunning(), 60_000);
  spawnDockerd();
  try {
    await waitFor(async () => (await pingDocker()) === null, 30_000);
  } catch {
    if (dockerdRunning()) throw new Error("dockerd is running but does not answer");
    const store = "/var/lib/docker/network/files/local-kv.db";
    await rename(store, `${store}.unreadable-${Date.now()}`).catch(() => undefined);
    spawnDockerd();
    await waitFor(async () => (await pingDocker()) === null, 60_000);
  }
}

/** Whatever a test asserted, the next one needs a daemon. */
async function restartIfDown(): Promise<void> {
  if ((await pingDocker()) !== null || !dockerdRunning()) await restartDockerDaemon();
}

let config: MyceliumConfig;
let dataHome: string;

beforeAll(async () => {
  if (process.getuid?.() !== 0) throw new Error("This test stops and starts dockerd, which needs root.");
  await requireTestImages();
  dataHome = await fs.mkdtemp(path.join(os.tmpdir(), "mycelium-fault-"));
  process.env.XDG_DATA_HOME = dataHome;
  config = configSchema.parse({
    project_name: uniqueProjectName("it-fault"),
    deployment: { healthcheck_timeout: 90 },
    services: {
      postgres: { port: await findFreePort(), image: TEST_IMAGES.postgres },
      temporal: { frontend_port: await findFreePort(), ui_port: await findFreePort(), image: TEST_IMAGES.temporal, ui_image: TEST_IMAGES.ui },
    },
  });
});

afterAll(async () => {
  // Whatever happened in the test, leave a running daemon behind for the next tests.
  await restartIfDown();
  await removeProject(config.project_name);
  await fs.rm(dataHome, { recursive: true, force: true });
});

describe("Docker daemon stopped mid-deploy", () => {
  it("fails with a clear message, and a rerun after the restart finishes the deploy", async () => {
    const session = await startDeploy(docker, config);
    const failed = new Promise<DeployEvent>((resolve) => {
      session.subscribe((event) => {
        if (event.type === "failed" || event.type === "succeeded") resolve(event);
        // Pull the plug while the first container is starting up.
        if (event.type === "container" && event.action === "started" && event.service === "postgres") {
          execFileSync("pkill", ["-TERM", "-x", "dockerd"]);
        }
      });
    });
    const result = await failed.finally(restartIfDown);
    expect(result).toMatchObject({ type: "failed", error: { code: "unavailable:docker" } });
    expect((result as Extract<DeployEvent, { type: "failed" }>).error.message).toMatch(/^Docker is not running: /);
    expect(JSON.stringify(session.events)).not.toMatch(/\bat .+\.(ts|js):\d+/);

    await restartIfDown();

    const rerun = await startDeploy(docker, config);
    const finished = await new Promise<DeployEvent>((resolve) => {
      rerun.subscribe((event) => {
        if (event.type === "failed" || event.type === "succeeded") resolve(event);
      });
    });
    expect(finished).toMatchObject({ type: "succeeded" });
  });
});

describe("Docker daemon stopped while logs are streaming", () => {
  it("tells the reader Docker is not running and releases every stream", async () => {
    const problems: MyceliumError[] = [];
    const follower = await followProjectLogs({
      docker,
      project: config.project_name,
      services: null,
      tail: 10,
      deliver: () => true,
      onProblem: (error) => problems.push(error),
    });
    try {
      await waitFor(async () => logStreamCounters().dockerLogStreams > 0, 10_000);
      execFileSync("pkill", ["-TERM", "-x", "dockerd"]);
      await waitFor(async () => problems.length > 0, 30_000);
      expect(problems[0]).toMatchObject({ code: "unavailable:docker" });
      expect(problems[0]!.message).toMatch(/^Docker is not running: /);
      expect(logStreamCounters()).toMatchObject({ followers: 0, dockerLogStreams: 0, eventStreams: 0 });
    } finally {
      follower.close();
      await restartIfDown();
    }
  });
});
