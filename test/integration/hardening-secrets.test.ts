import { execFileSync } from "node:child_process";
import { promises as fs } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gunzipSync } from "node:zlib";
import { deploymentDirectory, readDeploymentSecrets } from "../../lib/deploy/deployment-files";
import { startDashboard, waitForDeployEnd, type RunningDashboard } from "../support/dashboard-server";
import { writeStackConfig } from "../support/stack-config";
import { removeProject, requireTestImages, uniqueProjectName } from "../support/docker-fixtures";

/**
 * The PostgreSQL password must never leave `.env`: deploy, validate, break things, validate
 * again, stream, bundle — then search every response body and the server's own output for it.
 */
const project = uniqueProjectName("it-secrets");
let dashboard: RunningDashboard;
const bodies: string[] = [];

async function call(path: string, init: RequestInit = {}): Promise<Response> {
  const response = await fetch(`${dashboard.url}${path}`, { ...init, headers: { origin: dashboard.url, ...init.headers } });
  const copy = response.clone();
  const type = copy.headers.get("content-type") ?? "";
  bodies.push(type.includes("gzip") ? gunzipSync(Buffer.from(await copy.arrayBuffer())).toString("latin1") : await copy.text());
  return response;
}

async function waitForDeploy(): Promise<void> {
  await waitForDeployEnd(async () => (await (await call("/api/deploy/status")).json()) as { deploy: { state: string } | null }, 120_000);
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
    expect((await call("/api/deploy/plan")).status).toBe(200);
    expect((await call("/api/deploy", { method: "POST" })).status).toBe(202);
    await waitForDeploy();
    await call("/api/deploy/events");
    expect((await call("/api/validate", { method: "POST" })).status).toBe(200);

    // Break things: PostgreSQL stopped under a running Temporal.
    const directory = deploymentDirectory(project, { XDG_DATA_HOME: `${dashboard.home}/data` });
    const secrets = (await readDeploymentSecrets(directory))!;
    const password = secrets.POSTGRES_PASSWORD!;
    expect(password).toMatch(/^[A-Za-z0-9]{32}$/);
    expect((await fs.stat(`${directory}/.env`)).mode & 0o777).toBe(0o600);

    await call("/api/validate", { method: "POST" });
    execFileSync("docker", ["stop", "-t", "2", `${project}-postgres`]);
    const broken = (await (await call("/api/validate", { method: "POST" })).json()) as { report: { status: string } };
    expect(broken.report.status).toBe("unhealthy");
    await call("/api/validate/history?limit=5");
    await call("/api/deploy/status");
    expect((await call("/api/support-bundle", { method: "POST" })).status).toBe(200);

    const leaks = bodies.filter((body) => body.includes(password));
    expect(leaks.map((body) => body.slice(0, 200))).toEqual([]);
    expect(dashboard.output()).not.toContain(password);
    expect(bodies.length).toBeGreaterThanOrEqual(9);
  });
});
