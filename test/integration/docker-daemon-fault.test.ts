import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { configSchema, type MyceliumConfig } from "../../lib/config/schema";
import type { DeployEvent } from "../../lib/deploy/deploy-events";
import { startDeploy } from "../../lib/deploy/deploy-session";
import type { MyceliumError } from "../../lib/errors";
import { followProjectLogs, logStreamCounters } from "../../lib/logs/project-log-stream";
import { findFreePort } from "../support/dashboard-server";
import { requireRoot, startDockerDaemonIfDown, stopDockerDaemon, waitUntil } from "../support/docker-daemon";
import { docker, engine, removeProject, requireTestImages, uniqueProjectName } from "../support/docker-fixtures";

/**
 * The Docker daemon dies in the middle of a deploy: the user gets "Docker is not running"
 * instead of a stack trace, and once the daemon is back a rerun finishes the job.
 * Stops and restarts this machine's dockerd, so it needs root (CI runs as root).
 */

let config: MyceliumConfig;
let dataHome: string;

beforeAll(async () => {
  requireRoot();
  await requireTestImages();
  dataHome = await fs.mkdtemp(path.join(os.tmpdir(), "mycelium-fault-"));
  process.env.XDG_DATA_HOME = dataHome;
  config = configSchema.parse({
    project_name: uniqueProjectName("it-fault"),
    deployment: { healthcheck_timeout: 90 },
    services: {
      postgres: { port: await findFreePort() },
      temporal: { frontend_port: await findFreePort(), ui_port: await findFreePort() },
    },
  });
});

afterAll(async () => {
  // Whatever happened in the test, leave a running daemon behind for the next tests.
  await startDockerDaemonIfDown();
  await removeProject(config.project_name);
  await fs.rm(dataHome, { recursive: true, force: true });
});

describe("Docker daemon stopped mid-deploy", () => {
  it("fails with a clear message, and a rerun after the restart finishes the deploy", async () => {
    const session = await startDeploy(engine, config);
    const failed = new Promise<DeployEvent>((resolve) => {
      session.subscribe((event) => {
        if (event.type === "failed" || event.type === "succeeded") resolve(event);
        // Pull the plug while the first container is starting up.
        if (event.type === "container" && event.action === "started" && event.service === "postgres") {
          void stopDockerDaemon();
        }
      });
    });
    const result = await failed.finally(startDockerDaemonIfDown);
    expect(result).toMatchObject({ type: "failed", error: { code: "unavailable:docker" } });
    expect((result as Extract<DeployEvent, { type: "failed" }>).error.message).toMatch(/^Docker is not running: /);
    expect(JSON.stringify(session.events)).not.toMatch(/\bat .+\.(ts|js):\d+/);

    await startDockerDaemonIfDown();

    const rerun = await startDeploy(engine, config);
    const finished = await new Promise<DeployEvent>((resolve) => {
      rerun.subscribe((event) => {
        if (event.type === "failed" || event.type === "succeeded") resolve(event);
      });
    });
    expect(finished.type, JSON.stringify(finished)).toBe("succeeded");
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
      await waitUntil(() => logStreamCounters().dockerLogStreams > 0, 10_000, "no Docker log stream opened");
      await stopDockerDaemon();
      await waitUntil(() => problems.length > 0, 30_000, "the reader was not told");
      expect(problems[0]).toMatchObject({ code: "unavailable:docker" });
      expect(problems[0]!.message).toMatch(/^Docker is not running: /);
      expect(logStreamCounters()).toMatchObject({ followers: 0, dockerLogStreams: 0, eventStreams: 0 });
    } finally {
      follower.close();
      await startDockerDaemonIfDown();
    }
  });
});
