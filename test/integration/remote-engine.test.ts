import { execFileSync } from "node:child_process";
import { mkdtempSync, promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DeployPlanResponse, EngineTargetResponse, ValidateResponse } from "../../lib/http/api-contract";
import { callApi, runCli, startDashboard, waitForDeployEnd } from "../support/dashboard-server";
import { docker as mainDocker, uniqueProjectName } from "../support/docker-fixtures";
import { startRemoteEngine, type RemoteEngine } from "../support/remote-engine";
import { STACK_IMAGES, writeStackConfig } from "../support/stack-config";

/**
 * The CLI driving a Docker engine on another machine over TCP+TLS, as Docker's own variables
 * name it: a second dockerd in a network namespace made by the test (test/support/remote-engine.ts)
 * with the guide's stack published on all its interfaces, deployed, validated and torn down
 * from here; a wrong CA and plain TCP refused with a sentence saying why.
 */

const project = uniqueProjectName("it-remote");
let remote: RemoteEngine;
let workspace: { configPath: string; home: string };

function cli(args: string[], env: Record<string, string>) {
  return runCli(workspace, args, { XDG_STATE_HOME: path.join(workspace.home, "state"), ...env });
}

async function remoteContainerIds(): Promise<string[]> {
  return (
    await remote.docker.listContainers({ all: true, filters: { label: [`com.docker.compose.project=${project}`] } })
  )
    .map((container) => container.Id)
    .sort();
}

async function timed<T>(run: () => Promise<T>): Promise<[T, number]> {
  const started = Date.now();
  const result = await run();
  return [result, (Date.now() - started) / 1000];
}

beforeAll(async () => {
  const [started, startSeconds] = await timed(startRemoteEngine);
  remote = started;
  const [, loadSeconds] = await timed(() => remote.loadImages(Object.values(STACK_IMAGES)));
  console.log(
    `[figures] remote engine started (namespace, certificates, dockerd) in ${startSeconds.toFixed(1)} s; ` +
      `the stack's images copied into it in ${loadSeconds.toFixed(1)} s`,
  );
  const home = mkdtempSync(path.join(os.tmpdir(), "mycelium-it-remote-"));
  workspace = { home, configPath: path.join(home, "config", "mycelium", "config.yaml") };
  await writeStackConfig(workspace.configPath, { project, bindAddress: "0.0.0.0", healthcheckTimeout: 180 });
}, 180_000);

afterAll(async () => {
  await remote?.stop();
  if (workspace) await fs.rm(workspace.home, { recursive: true, force: true });
}, 120_000);

describe("a remote engine over TCP+TLS", () => {
  it("deploys the guide's stack there from the CLI, publishing on the remote host's address", async () => {
    const [deploy, seconds] = await timed(() => cli(["deploy", "start", "--yes"], remote.env));
    expect(deploy.code, `${deploy.stdout}\n${deploy.stderr}`).toBe(0);
    console.log(`[figures] cold deploy of the guide stack to a remote engine over TLS: ${seconds.toFixed(1)} s`);
    expect(deploy.stdout).toContain(`open to every machine that reaches ${remote.host}`);

    const remoteContainers = await remote.docker.listContainers({
      filters: { label: [`com.docker.compose.project=${project}`] },
    });
    expect(remoteContainers.map((container) => container.Labels["com.docker.compose.service"]).sort()).toEqual([
      "postgres",
      "temporal",
      "temporal-ui",
    ]);
    expect(
      await mainDocker.listContainers({ all: true, filters: { label: [`com.docker.compose.project=${project}`] } }),
    ).toEqual([]);
  }, 300_000);

  it("changes nothing on a second deploy", async () => {
    const before = await remoteContainerIds();
    const [deploy, seconds] = await timed(() => cli(["deploy", "start", "--yes"], remote.env));
    expect(deploy.code, `${deploy.stdout}\n${deploy.stderr}`).toBe(0);
    expect(await remoteContainerIds()).toEqual(before);
    console.log(`[figures] no-op redeploy to the remote engine over TLS: ${seconds.toFixed(1)} s`);
  }, 120_000);

  it("validates the remote stack to green, reaching its ports at the remote address", async () => {
    const deadline = Date.now() + 90_000;
    for (;;) {
      const validate = await cli(["validate"], remote.env);
      if (validate.code === 0) {
        expect(validate.stdout).toContain(`is open on ${remote.host}`);
        break;
      }
      if (Date.now() > deadline)
        throw new Error(`the remote stack did not validate:\n${validate.stdout}\n${validate.stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 3000));
    }
  }, 120_000);

  it("refuses an engine whose certificate is not signed by the CA in DOCKER_CERT_PATH", async () => {
    const status = await cli(["deploy", "status"], { ...remote.env, DOCKER_CERT_PATH: remote.wrongCaCertDir });
    expect(status.code).not.toBe(0);
    expect(status.stderr).toMatch(
      // eslint-disable-next-line max-len
      /The Docker engine's TLS check failed: its certificate (is not signed by|chains to a CA other than) the (one|CA) in ca\.pem/,
    );
    expect(status.stderr).not.toMatch(/PRIVATE KEY|    at /);
  }, 60_000);

  it("refuses an engine reached at an address its certificate does not name", async () => {
    const status = await cli(["deploy", "status"], {
      ...remote.env,
      DOCKER_HOST: `tcp://${remote.unnamedHost}:${remote.port}`,
    });
    expect(status.code).not.toBe(0);
    expect(status.stderr).toContain(
      "The Docker engine's TLS check failed: its certificate is for other names: " +
        `IP: ${remote.unnamedHost} is not in the cert's list: ${remote.host}`,
    );
  }, 60_000);

  it("says when the engine refuses this client's certificate", async () => {
    const status = await cli(["deploy", "status"], { ...remote.env, DOCKER_CERT_PATH: remote.untrustedClientCertDir });
    expect(status.code).not.toBe(0);
    expect(status.stderr).toContain("it refused this client's certificate (cert.pem)");
  }, 60_000);

  it("names the address when nothing answers there", async () => {
    const status = await cli(["deploy", "status"], { ...remote.env, DOCKER_HOST: `tcp://${remote.host}:2377` });
    expect(status.code).not.toBe(0);
    expect(status.stderr).toContain(`The Docker engine at ${remote.host}:2377 does not answer (ECONNREFUSED).`);
  }, 60_000);

  it("tells an app on this machine to connect at the remote address", async () => {
    const env = await cli(["env"], remote.env);
    expect(env.code, env.stderr).toBe(0);
    expect(env.stdout).toContain(`frontend     ${remote.host}:`);
    expect(env.stdout).toContain(`Temporal UI  http://${remote.host}:`);
  }, 60_000);

  it("reads the remote stack's logs", async () => {
    const logs = await cli(["logs", "postgres", "--tail", "20"], remote.env);
    expect(logs.code, logs.stderr).toBe(0);
    expect(logs.stdout).toContain("database system is ready to accept connections");
  }, 60_000);

  it("refuses to deploy a stack bound to the remote machine's own loopback, out of reach from here", async () => {
    const loopbackConfig = path.join(workspace.home, "loopback", "config.yaml");
    await writeStackConfig(loopbackConfig, { project: `${project}-lo` });
    const deploy = await runCli(
      { home: workspace.home, configPath: loopbackConfig },
      ["deploy", "start", "--yes"],
      remote.env,
    );
    expect(deploy.code).not.toBe(0);
    expect(deploy.stderr).toContain(
      `The stack's ports are published on 127.0.0.1 of ${remote.host}, its own loopback: ` +
        "nothing on this machine can reach them.",
    );
    expect(deploy.stderr).toContain("Set deployment.bind_address to 0.0.0.0");
    expect(
      await remote.docker.listContainers({
        all: true,
        filters: { label: [`com.docker.compose.project=${project}-lo`] },
      }),
    ).toEqual([]);
  }, 60_000);

  it("refuses plain TCP to an address beyond loopback", async () => {
    const status = await cli(["deploy", "status"], {
      DOCKER_HOST: `tcp://${remote.host}:2375`,
      DOCKER_TLS_VERIFY: "",
      DOCKER_CERT_PATH: "",
    });
    expect(status.code).not.toBe(0);
    expect(status.stderr).toContain(
      `The Docker engine at ${remote.host}:2375 is set to be reached over plain TCP, without TLS.`,
    );
  }, 60_000);

  it("drives the engine that Docker's current context names, made with `docker context create`", async () => {
    const dockerConfig = path.join(workspace.home, "docker-config");
    const certs = remote.clientCertDir;
    const docker = (args: string[]) =>
      execFileSync("docker", args, { env: { ...process.env, DOCKER_CONFIG: dockerConfig }, stdio: "ignore" });
    docker([
      "context",
      "create",
      "remote-test",
      "--docker",
      `host=tcp://${remote.host}:${remote.port},ca=${certs}/ca.pem,cert=${certs}/cert.pem,key=${certs}/key.pem`,
    ]);
    docker(["context", "use", "remote-test"]);
    const status = await cli(["deploy", "status"], {
      DOCKER_CONFIG: dockerConfig,
      DOCKER_HOST: "",
      DOCKER_TLS_VERIFY: "",
      DOCKER_CERT_PATH: "",
    });
    expect(status.code, `${status.stdout}\n${status.stderr}`).toBe(0);
    expect(status.stdout).toMatch(/temporal-ui\s+healthy/);
  }, 60_000);

  it("tears the stack and its data down from the CLI", async () => {
    const down = await cli(["deploy", "down", "--remove-data", project], remote.env);
    expect(down.code, `${down.stdout}\n${down.stderr}`).toBe(0);
    expect(await remoteContainerIds()).toEqual([]);
    expect(
      (await remote.docker.listVolumes({ filters: { label: [`com.docker.compose.project=${project}`] } })).Volumes,
    ).toEqual([]);
  }, 120_000);

  // After a removal with its data: a restart on a kept volume first waits on the members it
  // remembers (see deploy.test.ts), which is not what this test is about.
  it("deploys, validates and tears down again from the dashboard, which says which engine it drives", async () => {
    const dashboard = await startDashboard({
      ...remote.env,
      MYCELIUM_CONFIG: workspace.configPath,
      XDG_DATA_HOME: path.join(workspace.home, "data"),
      XDG_STATE_HOME: path.join(workspace.home, "state"),
    });
    const api = <T>(route: string, init: RequestInit & { json?: unknown } = {}) =>
      callApi<T>(dashboard.url, route, init);
    try {
      expect((await api<EngineTargetResponse>("/api/engine/target")).body).toEqual({
        engine: `${remote.host}:${remote.port} over TLS`,
        remote: true,
      });
      const plan = await api<DeployPlanResponse>("/api/deploy/plan");
      expect(plan.body.warnings, plan.text).toEqual([
        expect.stringContaining(`open to every machine that reaches ${remote.host}`),
      ]);

      const started = Date.now();
      expect((await api("/api/deploy", { method: "POST" })).status).toBe(202);
      const deploy = await waitForDeployEnd(
        async () => (await api<{ deploy: { state: string } | null }>("/api/deploy/status")).body,
      );
      expect(deploy.state, JSON.stringify(deploy)).toBe("succeeded");
      console.log(
        "[figures] cold deploy from the dashboard to the remote engine: " +
          `${((Date.now() - started) / 1000).toFixed(1)} s`,
      );

      const deadline = Date.now() + 90_000;
      for (;;) {
        const run = await api<ValidateResponse>("/api/validate", { method: "POST" });
        if (run.body.report.status === "healthy") break;
        if (Date.now() > deadline)
          throw new Error(`the remote stack did not validate from the dashboard:\n${run.text}`);
        await new Promise((resolve) => setTimeout(resolve, 3000));
      }

      expect((await api("/api/deploy/down", { method: "POST", json: {} })).status).toBe(200);
      expect(await remoteContainerIds()).toEqual([]);
    } finally {
      await dashboard.stop();
    }
  }, 300_000);
});
