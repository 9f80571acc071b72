import { execFileSync } from "node:child_process";
import { promises as fs } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gunzipSync } from "node:zlib";
import { resolveDeploymentsRoot } from "../../lib/config/config-location";
import { deploymentDirectory, readDeploymentSecrets } from "../../lib/deploy/deployment-files";
import { startDashboard, waitForDeployEnd, type RunningDashboard } from "../support/dashboard-server";
import type { ReadResponse } from "../support/http-answer";
import { writeStackConfig } from "../support/stack-config";
import { removeProject, requireTestImages, uniqueProjectName } from "../support/docker-fixtures";

/**
 * The PostgreSQL password must never leave `.env`: deploy, validate, break things, validate
 * again, stream, bundle — then search every response body and the server's own output for it.
 */
const project = uniqueProjectName("it-secrets");
let dashboard: RunningDashboard;
const bodies: string[] = [];

/** Every answer read whole (a gzipped bundle unpacked) and kept for the search at the end. */
async function call(path: string, init: RequestInit = {}): Promise<ReadResponse> {
  const response = await fetch(`${dashboard.url}${path}`, {
    ...init,
    headers: { origin: dashboard.url, ...init.headers },
  });
  const type = response.headers.get("content-type") ?? "";
  const text = type.includes("gzip")
    ? gunzipSync(Buffer.from(await response.arrayBuffer())).toString("latin1")
    : await response.text();
  bodies.push(text);
  return { status: response.status, text, headers: response.headers, json: <T>() => JSON.parse(text) as T };
}

async function waitForDeploy(): Promise<void> {
  await waitForDeployEnd(
    async () => (await call("/api/deploy/status")).json<{ deploy: { state: string } | null }>(),
    120_000,
  );
}

beforeAll(async () => {
  await requireTestImages();
  dashboard = await startDashboard();
  await writeStackConfig(dashboard.configPath, { project });
});

afterAll(async () => {
  await dashboard?.stop();
  await removeProject(project);
});

describe("the PostgreSQL password", () => {
  it("appears in no response, stream, bundle or server log line", async () => {
    expect(await call("/api/deploy/plan")).toHaveStatus(200);
    expect(await call("/api/deploy", { method: "POST" })).toHaveStatus(202);
    await waitForDeploy();
    await call("/api/deploy/events");
    expect(await call("/api/validate", { method: "POST" })).toHaveStatus(200);

    // Break things: PostgreSQL stopped under a running Temporal.
    const directory = deploymentDirectory(project, resolveDeploymentsRoot({ XDG_DATA_HOME: `${dashboard.home}/data` }));
    const secrets = (await readDeploymentSecrets(directory))!;
    const password = secrets.POSTGRES_PASSWORD!;
    expect(password).toMatch(/^[A-Za-z0-9]{32}$/);
    expect((await fs.stat(`${directory}/.env`)).mode & 0o777).toBe(0o600);

    await call("/api/validate", { method: "POST" });
    execFileSync("docker", ["stop", "-t", "2", `${project}-postgres`]);
    const broken = (await call("/api/validate", { method: "POST" })).json<{ report: { status: string } }>();
    expect(broken.report.status).toBe("unhealthy");
    await call("/api/validate/history?limit=5");
    await call("/api/deploy/status");
    // "Connect your app" shows the PostgreSQL URL masked: only its reveal POST holds the password.
    expect(await call("/api/connect")).toHaveStatus(200);
    expect(await call("/api/support-bundle", { method: "POST" })).toHaveStatus(200);

    const leaks = bodies.filter((body) => body.includes(password));
    expect(leaks.map((body) => body.slice(0, 200))).toEqual([]);
    expect(dashboard.output()).not.toContain(password);
    expect(bodies.length).toBeGreaterThanOrEqual(9);
  });
});
