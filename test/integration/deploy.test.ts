import { existsSync, promises as fs } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { Client } from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { configSchema, type MyceliumConfig } from "../../lib/config/schema";
import type { DeployEvent, StampedDeployEvent } from "../../lib/deploy/deploy-events";
import { startDeploy, type DeploySession } from "../../lib/deploy/deploy-session";
import { COMPOSE_FILE, deploymentDirectory, readDeploymentSecrets } from "../../lib/deploy/deployment-files";
import { prepareDeployment } from "../../lib/deploy/prepare-deployment";
import { downStack } from "../../lib/deploy/stack-control";
import { readStackStatus } from "../../lib/deploy/stack-status";
import { findFreePort } from "../support/dashboard-server";
import {
  docker,
  engine,
  dockerCompose,
  removeProject,
  requireTestImages,
  uniqueProjectName,
} from "../support/docker-fixtures";

const projects: string[] = [];
let dataHome: string;

beforeAll(async () => {
  await requireTestImages();
  dataHome = await fs.mkdtemp(path.join(os.tmpdir(), "mycelium-deploy-"));
  process.env.XDG_DATA_HOME = dataHome;
});

afterAll(async () => {
  for (const project of projects) await removeProject(project);
  await fs.rm(dataHome, { recursive: true, force: true });
});

async function testConfig(
  overrides: { postgres?: object; temporal?: object; deployment?: object } = {},
): Promise<MyceliumConfig> {
  const project = uniqueProjectName("it-deploy");
  projects.push(project);
  return configSchema.parse({
    project_name: project,
    deployment: { ...overrides.deployment },
    services: {
      postgres: { port: await findFreePort(), ...overrides.postgres },
      temporal: { frontend_port: await findFreePort(), ui_port: await findFreePort(), ...overrides.temporal },
    },
  });
}

/** Every event of a deploy, once it has ended. */
async function finished(session: DeploySession): Promise<DeployEvent[]> {
  await new Promise<void>((resolve) => {
    session.subscribe((event) => {
      if (event.type === "succeeded" || event.type === "failed") resolve();
    });
  });
  return session.events;
}

/** Run a deploy to its end and return every event it emitted. */
async function deploy(config: MyceliumConfig): Promise<DeployEvent[]> {
  return finished(await startDeploy(engine, config));
}

function outcome(events: DeployEvent[]): DeployEvent {
  return events.find((event) => event.type === "succeeded" || event.type === "failed")!;
}

/** A deploy that must have succeeded; a failure shows its error and log lines. */
function expectSucceeded(events: DeployEvent[]): void {
  const end = outcome(events);
  expect(end.type, JSON.stringify(end, null, 2)).toBe("succeeded");
}

async function containerIds(project: string): Promise<Record<string, string>> {
  const status = await readStackStatus(docker, project);
  return Object.fromEntries(status.services.map((s) => [s.service, s.containerId]));
}

async function withPostgres<T>(config: MyceliumConfig, run: (client: Client) => Promise<T>): Promise<T> {
  const secrets = await readDeploymentSecrets(deploymentDirectory(config.project_name));
  const client = new Client({
    host: "127.0.0.1",
    port: config.services.postgres.port,
    user: secrets!.POSTGRES_USER,
    password: secrets!.POSTGRES_PASSWORD,
    database: config.services.postgres.database,
  });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

describe("deploy through the Docker Engine API", () => {
  let config: MyceliumConfig;

  it("brings the whole stack up healthy, visible to docker-compose", async () => {
    config = await testConfig();
    const events = await deploy(config);
    expectSucceeded(events);

    const status = await readStackStatus(docker, config.project_name);
    expect(status.services.map((s) => [s.service, s.state, s.health])).toEqual([
      ["postgres", "running", "healthy"],
      ["temporal", "running", "healthy"],
      ["temporal-ui", "running", "healthy"],
    ]);
    const directory = deploymentDirectory(config.project_name);
    expect((await fs.stat(path.join(directory, ".env"))).mode & 0o777).toBe(0o600);
    const listed = dockerCompose(["-p", config.project_name, "-f", COMPOSE_FILE, "ps"], directory);
    for (const name of ["postgres", "temporal", "temporal-ui"])
      expect(listed).toMatch(new RegExp(`${config.project_name}-${name}\\s.*Up \\(healthy\\)`));
    expect(dockerCompose(["-p", config.project_name, "-f", COMPOSE_FILE, "config", "-q"], directory)).toBe("");
  });

  it("touches nothing on a second deploy with the same config", async () => {
    const before = await containerIds(config.project_name);
    const events = await deploy(config);
    expectSucceeded(events);
    expect(events.filter((e) => e.type === "container")).toEqual([]);
    expect(await containerIds(config.project_name)).toEqual(before);
  });

  it("keeps data across a changed custom_config (only PostgreSQL recreated) and a down + deploy", async () => {
    await withPostgres(config, async (client) => {
      await client.query("CREATE TABLE IF NOT EXISTS keepsake (note text)");
      await client.query("INSERT INTO keepsake VALUES ('survives redeploys')");
    });
    const before = await containerIds(config.project_name);
    const changed = configSchema.parse({
      ...config,
      services: { ...config.services, postgres: { ...config.services.postgres, custom_config: { work_mem: "8MB" } } },
    });
    expectSucceeded(await deploy(changed));
    const after = await containerIds(config.project_name);
    expect(after.postgres).not.toBe(before.postgres);
    expect(after.temporal).toBe(before.temporal);
    expect(after["temporal-ui"]).toBe(before["temporal-ui"]);
    await withPostgres(changed, async (client) => {
      expect((await client.query("SHOW work_mem")).rows[0].work_mem).toBe("8MB");
    });

    const down = await downStack(docker, config.project_name, null);
    expect(down.keptVolumes).toEqual([`${config.project_name}_postgres-data`]);
    expect((await readStackStatus(docker, config.project_name)).services).toEqual([]);
    // Straight after a down, the real server first tries to join the members it finds in
    // cluster_membership with a heartbeat in the last 20 s (ringpop/monitor.go), for up to 30 s
    // when they are gone: on a fresh machine this deploy took ~45 s longer than the first.
    const started = Date.now();
    const events = await deploy(
      configSchema.parse({ ...changed, deployment: { ...changed.deployment, healthcheck_timeout: 180 } }),
    );
    expectSucceeded(events);
    console.log(
      `[figures] deploy right after a down (data volume kept): ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    // Not every such start waits (it depends on the members ringpop picks to join); one that
    // waited said why while it did.
    const temporalHealth = (events as StampedDeployEvent[]).filter(
      (e) => e.type === "health" && e.service === "temporal",
    );
    const waitedMs =
      (temporalHealth.find((e) => e.type === "health" && e.status === "healthy")?.at ?? 0) - temporalHealth[0]!.at;
    if (waitedMs > 20_000)
      expect(temporalHealth.some((e) => e.type === "health" && e.why?.includes("cluster_membership"))).toBe(true);
    await withPostgres(changed, async (client) => {
      expect((await client.query("SELECT note FROM keepsake")).rows).toEqual([{ note: "survives redeploys" }]);
    });
  });

  it("refuses to remove data without the typed project name", async () => {
    await expect(downStack(docker, config.project_name, "not-the-name")).rejects.toMatchObject({
      code: "bad_request:confirmation",
    });
    expect((await readStackStatus(docker, config.project_name)).services).toHaveLength(3);
  });
});

describe("deploy failures", () => {
  it("reports a port held by a foreign listener before creating anything, with a free port", async () => {
    const config = await testConfig({ temporal: { enabled: false } });
    const holder = net.createServer((socket) => socket.once("data", () => socket.end("N")));
    await new Promise<void>((resolve) => holder.listen(config.services.postgres.port, "127.0.0.1", resolve));
    try {
      const { plan } = await prepareDeployment(engine, config);
      expect(plan.portConflicts).toHaveLength(1);
      expect(plan.portConflicts[0]).toMatchObject({
        service: "postgres",
        port: config.services.postgres.port,
        listener: { protocol: "postgres", description: "a PostgreSQL server" },
      });
      expect(plan.portConflicts[0]!.proposedPort).toBeGreaterThan(config.services.postgres.port);

      // Whoever hears the outcome may deploy again at once: the lock is already gone by then.
      const session = await startDeploy(engine, config);
      const lockFile = path.join(deploymentDirectory(config.project_name), ".deploy.lock");
      const lockHeldAtOutcome = await new Promise<boolean>((resolve) => {
        session.subscribe((event) => {
          if (event.type === "failed" || event.type === "succeeded") resolve(existsSync(lockFile));
        });
      });
      expect(lockHeldAtOutcome).toBe(false);
      const events = await finished(await startDeploy(engine, config));
      expect(outcome(events)).toMatchObject({ type: "failed", error: { code: "conflict:ports" } });
      expect((outcome(events) as { error: { message: string } }).error.message).toContain(
        `port ${plan.portConflicts[0]!.proposedPort} is free`,
      );
      expect((await readStackStatus(docker, config.project_name)).services).toEqual([]);
    } finally {
      holder.close();
    }
  });

  it("names the image and the cause when an image cannot be pulled", async () => {
    const config = await testConfig({
      postgres: { image: "mycelium-test/does-not-exist:1" },
      temporal: { enabled: false },
    });
    const events = await deploy(config);
    const failed = outcome(events) as Extract<DeployEvent, { type: "failed" }>;
    expect(failed.type).toBe("failed");
    expect(failed.error.message).toMatch(/^Could not pull mycelium-test\/does-not-exist:1: /);
    expect(failed.error.hint).toContain("docker load");
  });

  it("says which container could not start, in Docker's own words", async () => {
    const config = await testConfig({ temporal: { enabled: false } });
    const thief = net.createServer();
    try {
      const session = await startDeploy(engine, config);
      const failed = await new Promise<DeployEvent>((resolve) => {
        session.subscribe((event) => {
          // Another program takes the port after the plan was made, before the container starts.
          if (event.type === "phase" && event.phase === "containers")
            thief.listen(config.services.postgres.port, "127.0.0.1");
          if (event.type === "failed" || event.type === "succeeded") resolve(event);
        });
      });
      expect(failed).toMatchObject({
        type: "failed",
        service: "postgres",
        error: { code: "unavailable:deploy_failed" },
      });
      const { error } = failed as Extract<DeployEvent, { type: "failed" }>;
      expect(error.message).toMatch(
        new RegExp(`^${config.project_name}-postgres could not start: .*(already allocated|address already in use)`),
      );
      expect(error.hint).toContain("deploy again");
    } finally {
      thief.close();
    }
  });

  it("names the failing container and shows its last log lines", async () => {
    // Without a PostgreSQL to reach, auto-setup waits forever: the deploy must end at its timeout.
    const config = await testConfig({
      postgres: { enabled: false },
      temporal: { ui_enabled: false },
      deployment: { healthcheck_timeout: 10 },
    });
    const failed = outcome(await deploy(config)) as Extract<DeployEvent, { type: "failed" }>;
    expect(failed).toMatchObject({
      type: "failed",
      service: "temporal",
      error: { code: "unavailable:container_unhealthy" },
    });
    expect(failed.error.message).toBe(`${config.project_name}-temporal failed: it was not healthy within 10 s.`);
    expect(failed.logTail.some((line) => line.includes("Waiting for PostgreSQL to startup."))).toBe(true);
  });
});
