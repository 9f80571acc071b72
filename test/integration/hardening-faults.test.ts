import { execFileSync } from "node:child_process";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { configSchema, type MyceliumConfig } from "../../lib/config/schema";
import type { DeployEvent } from "../../lib/deploy/deploy-events";
import { startDeploy } from "../../lib/deploy/deploy-session";
import { readStackStatus } from "../../lib/deploy/stack-status";
import { downStack, stopStack } from "../../lib/deploy/stack-control";
import { findFreePort, startDashboard, type RunningDashboard } from "../support/dashboard-server";
import { readResponse } from "../support/http-answer";
import { docker, engine, removeProject, requireTestImages, uniqueProjectName } from "../support/docker-fixtures";

/** Faults a user can meet, each with a clear outcome and nothing lost. */

const projects: string[] = [];

beforeAll(async () => {
  await requireTestImages();
  process.env.XDG_DATA_HOME = await fs.mkdtemp(path.join(os.tmpdir(), "mycelium-faults-"));
});
afterAll(async () => {
  for (const project of projects) await removeProject(project);
});

async function stackConfig(): Promise<MyceliumConfig> {
  const project = uniqueProjectName("it-fault");
  projects.push(project);
  return configSchema.parse({
    project_name: project,
    deployment: { healthcheck_timeout: 60 },
    services: {
      postgres: { port: await findFreePort() },
      temporal: { frontend_port: await findFreePort(), ui_port: await findFreePort() },
    },
  });
}

function configYaml(config: MyceliumConfig): string {
  const { postgres, temporal } = config.services;
  return [
    'version: "1.0"',
    `project_name: ${config.project_name}`,
    "services:",
    `  postgres: {port: ${postgres.port}}`,
    `  temporal: {frontend_port: ${temporal.frontend_port}, ui_port: ${temporal.ui_port}}`,
    "",
  ].join("\n");
}

async function untilFinished(session: Awaited<ReturnType<typeof startDeploy>>): Promise<DeployEvent> {
  return new Promise((resolve) => {
    session.subscribe((event) => {
      if (event.type === "failed" || event.type === "succeeded") resolve(event);
    });
  });
}

describe("faults during a deploy", () => {
  it("a container killed during the health wait is named, with its logs; a rerun finishes", async () => {
    const config = await stackConfig();
    const session = await startDeploy(engine, config);
    const outcome = await new Promise<DeployEvent>((resolve) => {
      session.subscribe((event) => {
        // Once Temporal has started and logged a little, it is killed from outside.
        if (event.type === "health" && event.service === "temporal" && event.status === "starting") {
          setTimeout(() => execFileSync("docker", ["kill", `${config.project_name}-temporal`]), 1500);
        }
        if (event.type === "failed" || event.type === "succeeded") resolve(event);
      });
    });
    expect(outcome).toMatchObject({
      type: "failed",
      service: "temporal",
      error: { message: `${config.project_name}-temporal failed: it exited.` },
    });
    expect((outcome as Extract<DeployEvent, { type: "failed" }>).logTail.length).toBeGreaterThan(0);
    const rerun = await untilFinished(await startDeploy(engine, config));
    expect(rerun.type, JSON.stringify(rerun)).toBe("succeeded");
  });

  it("refuses a second deploy, a stop and a removal of the same project while one runs (409)", async () => {
    const config = await stackConfig();
    const first = await startDeploy(engine, config);
    await expect(startDeploy(engine, config)).rejects.toMatchObject({ status: 409, code: "conflict:deploy_running" });
    const refusal = { status: 409, code: "conflict:maintenance_running" };
    await expect(stopStack(docker, config.project_name)).rejects.toMatchObject({
      ...refusal,
      message: "Cannot start a shutdown now: a deploy of this project is already running.",
    });
    await expect(downStack(docker, config.project_name, config.project_name)).rejects.toMatchObject({
      ...refusal,
      message: "Cannot start a removal now: a deploy of this project is already running.",
    });
    const end = await untilFinished(first);
    expect(end.type, JSON.stringify(end)).toBe("succeeded");
  });
});

describe("the dashboard restarted in the middle of a deploy", () => {
  let dashboard: RunningDashboard | null = null;
  afterAll(async () => {
    await dashboard?.stop();
  });

  it("rebuilds the state from the engine, and the deploy can be finished", async () => {
    const config = await stackConfig();
    dashboard = await startDashboard();
    await fs.mkdir(path.dirname(dashboard.configPath), { recursive: true });
    await fs.writeFile(dashboard.configPath, configYaml(config));
    const headers = { origin: dashboard.url };
    expect(await readResponse(await fetch(`${dashboard.url}/api/deploy`, { method: "POST", headers }))).toHaveStatus(
      202,
    );
    // Kill the server as soon as the first container exists.
    const deadline = Date.now() + 30_000;
    while ((await readStackStatus(docker, config.project_name)).services.length === 0) {
      if (Date.now() > deadline) {
        throw new Error(
          `no container appeared; the deploy: ${await (await fetch(`${dashboard.url}/api/deploy/status`)).text()}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const { home } = dashboard;
    await dashboard.stop();

    dashboard = await startDashboard({
      MYCELIUM_CONFIG: path.join(home, "config", "mycelium", "config.yaml"),
      XDG_DATA_HOME: path.join(home, "data"),
    });
    const status = (await (await fetch(`${dashboard.url}/api/deploy/status`)).json()) as {
      deployed: boolean;
      services: unknown[];
      deploy: unknown;
    };
    expect(status.deployed).toBe(true);
    expect(status.deploy).toBeNull();
    // The dead server's deploy lock is stale: the new deploy takes it over and converges.
    expect(
      await readResponse(
        await fetch(`${dashboard.url}/api/deploy`, { method: "POST", headers: { origin: dashboard.url } }),
      ),
    ).toHaveStatus(202);
    const finishBy = Date.now() + 90_000;
    for (;;) {
      const now = (await (await fetch(`${dashboard.url}/api/deploy/status`)).json()) as { deploy: { state: string } };
      if (now.deploy.state === "succeeded") break;
      if (now.deploy.state === "failed" || Date.now() > finishBy) throw new Error(`deploy ended ${now.deploy.state}`);
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    const final = await readStackStatus(docker, config.project_name);
    expect(final.services.map((s) => [s.service, s.health])).toEqual([
      ["postgres", "healthy"],
      ["temporal", "healthy"],
      ["temporal-ui", "healthy"],
    ]);
  });
});

describe("a full disk while saving the config", () => {
  const mountPoint = path.join(os.tmpdir(), `mycelium-full-disk-${process.pid}`);
  let dashboard: RunningDashboard | null = null;

  beforeAll(async () => {
    if (process.getuid?.() !== 0) throw new Error("This test mounts a tiny tmpfs, which needs root.");
    await fs.mkdir(mountPoint, { recursive: true });
    execFileSync("mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", mountPoint]);
  });
  afterAll(async () => {
    await dashboard?.stop();
    execFileSync("umount", [mountPoint]);
    await fs.rm(mountPoint, { recursive: true, force: true });
  });

  it("answers with a clear error and leaves the old file intact", async () => {
    const configPath = path.join(mountPoint, "config.yaml");
    const original = 'version: "1.0"\nproject_name: disk-full\n';
    await fs.writeFile(configPath, original);
    // Fill the rest of the filesystem.
    await fs.writeFile(path.join(mountPoint, "filler"), Buffer.alloc(60 * 1024)).catch(() => undefined);
    dashboard = await startDashboard({ MYCELIUM_CONFIG: configPath });
    const current = (await (await fetch(`${dashboard.url}/api/config`)).json()) as { etag: string };
    const response = await readResponse(
      await fetch(`${dashboard.url}/api/config`, {
        method: "PUT",
        headers: { origin: dashboard.url, "content-type": "application/json", "if-match": current.etag },
        body: JSON.stringify({ text: `${original}# ${"a long comment ".repeat(1000)}\n` }),
      }),
    );
    expect(response).toHaveStatus(503);
    expect(response.json<{ error: { code: string; message: string } }>().error).toMatchObject({
      code: "unavailable:disk_full",
      message: expect.stringContaining("the disk is full"),
    });
    expect(await fs.readFile(configPath, "utf8")).toBe(original);
    expect((await fs.readdir(mountPoint)).sort()).toEqual(["config.yaml", "filler"]);
  });
});
