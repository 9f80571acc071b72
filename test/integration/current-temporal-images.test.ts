import type Docker from "dockerode";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { waitForHealthy } from "../../lib/docker/container-health";
import { execInContainer } from "../../lib/docker/container-exec";
import { tailContainerLogs } from "../../lib/docker/container-logs";
import { createTarGz } from "../../lib/support/tar-archive";
import { readSystemInfo } from "../../lib/temporal/cluster-info";
import { checkWorkflowServiceHealth, openTemporalConnection } from "../../lib/temporal/temporal-connection";
import { docker, ensureLocalImage, removeProject, uniqueProjectName } from "../support/docker-fixtures";

/**
 * The newest release's images (temporalio/server + temporalio/admin-tools 1.32.2, built from
 * the server module's own recipes) behave as the real ones: no auto-setup, so the admin-tools'
 * sql tool creates and migrates both databases; the server starts from environment variables
 * alone, refuses to start without a dynamic-config file, and serves once it has one; the CLI
 * sees it SERVING and creates a namespace. What a 1.30+ stack is built from.
 */

const SERVER = "temporalio/server:1.32.2";
const ADMIN_TOOLS = "temporalio/admin-tools:1.32.2";
const POSTGRES = "postgres:15.3";
const PASSWORD = "CurrentImages0123456789";
/** schema/postgresql/v12/version.go at v1.32.2. */
const SCHEMA = { temporal: "1.19", temporal_visibility: "1.14" };

const project = uniqueProjectName("it-current");
const network = `${project}-net`;
const labels = { "com.docker.compose.project": project };
let postgresPort: number;

async function publishedPort(container: Docker.Container, port: string): Promise<number> {
  return Number((await container.inspect()).NetworkSettings.Ports[port]?.[0]?.HostPort);
}

/** A one-shot admin-tools container on the stack's network: its exit code and output. */
async function adminTools(script: string): Promise<{ exitCode: number; output: string }> {
  const container = await docker.createContainer({
    Image: ADMIN_TOOLS,
    Cmd: ["sh", "-c", script],
    Env: [`SQL_PASSWORD=${PASSWORD}`, "TEMPORAL_ADDRESS=server:7233"],
    Labels: labels,
    HostConfig: { NetworkMode: network },
  });
  await container.start();
  const { StatusCode } = (await container.wait()) as { StatusCode: number };
  const output = (await tailContainerLogs(docker, container.id, 200, [])).join("\n");
  await container.remove({ force: true });
  return { exitCode: StatusCode, output };
}

async function query(database: string, sql: string): Promise<Record<string, unknown>[]> {
  const client = new pg.Client({
    host: "127.0.0.1",
    port: postgresPort,
    user: "postgres",
    password: PASSWORD,
    database,
  });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

function serverContainer(): Promise<Docker.Container> {
  return docker.createContainer({
    name: `${project}-server`,
    Image: SERVER,
    Env: [
      "DB=postgres12",
      "DB_PORT=5432",
      "POSTGRES_SEEDS=postgres",
      "POSTGRES_USER=postgres",
      `POSTGRES_PWD=${PASSWORD}`,
    ],
    Labels: labels,
    ExposedPorts: { "7233/tcp": {} },
    HostConfig: { NetworkMode: network, PortBindings: { "7233/tcp": [{ HostIp: "127.0.0.1", HostPort: "" }] } },
    NetworkingConfig: { EndpointsConfig: { [network]: { Aliases: ["server"] } } },
  });
}

beforeAll(async () => {
  for (const image of [SERVER, ADMIN_TOOLS, POSTGRES]) await ensureLocalImage(image);
  await docker.createNetwork({ Name: network, Labels: labels });
  const postgres = await docker.createContainer({
    Image: POSTGRES,
    Env: [`POSTGRES_PASSWORD=${PASSWORD}`],
    Labels: labels,
    ExposedPorts: { "5432/tcp": {} },
    Healthcheck: {
      Test: ["CMD-SHELL", "pg_isready -h 127.0.0.1 -U postgres"],
      Interval: 1e9,
      Timeout: 3e9,
      Retries: 60,
    },
    HostConfig: { NetworkMode: network, PortBindings: { "5432/tcp": [{ HostIp: "127.0.0.1", HostPort: "" }] } },
    NetworkingConfig: { EndpointsConfig: { [network]: { Aliases: ["postgres"] } } },
  });
  await postgres.start();
  expect(
    await waitForHealthy(
      docker,
      [{ service: "postgres", containerId: postgres.id }],
      Date.now() + 90_000,
      () => undefined,
    ),
  ).toEqual({
    outcome: "healthy",
    service: null,
  });
  postgresPort = await publishedPort(postgres, "5432/tcp");
}, 180_000);

afterAll(async () => {
  await removeProject(project);
});

describe("the temporalio/server and admin-tools images of the newest release", () => {
  it("admin-tools' sql tool creates and migrates both databases, and a second run changes nothing", async () => {
    const tool = (database: string, dir: string) =>
      [
        `temporal-sql-tool --plugin postgres12 --ep postgres -u postgres -p 5432 --db ${database} create`,
        `temporal-sql-tool --plugin postgres12 --ep postgres -u postgres -p 5432 --db ${database} setup-schema -v 0.0`,
        `temporal-sql-tool --plugin postgres12 --ep postgres -u postgres -p 5432 --db ` +
          `${database} update-schema -d /etc/temporal/schema/postgresql/v12/${dir}/versioned`,
      ].join(" && ");
    const script = `set -e; ${tool("temporal", "temporal")} && ${tool("temporal_visibility", "visibility")}`;
    const first = await adminTools(script);
    expect(first.exitCode, first.output).toBe(0);
    for (const [database, version] of Object.entries(SCHEMA)) {
      expect(await query(database, "SELECT curr_version FROM schema_version")).toEqual([{ curr_version: version }]);
    }
    // Safe to re-run: the job of a redeploy finds everything in place.
    const again = await adminTools(script);
    expect(again.exitCode, again.output).toBe(0);
    expect(await query("temporal", "SELECT curr_version FROM schema_version")).toEqual([
      { curr_version: SCHEMA.temporal },
    ]);
  });

  it("the server refuses to start without a dynamic-config file, and serves 1.32.2 once it has one", async () => {
    const missing = await serverContainer();
    await missing.start();
    const { StatusCode } = (await missing.wait()) as { StatusCode: number };
    expect(StatusCode).not.toBe(0);
    expect((await tailContainerLogs(docker, missing.id, 50, [])).join("\n")).toMatch(/dynamic config/i);
    await missing.remove({ force: true });

    // The file reaches the container through the Engine API, as it would on any engine.
    const server = await serverContainer();
    await server.putArchive(createTarGz([{ path: "config/dynamicconfig/docker.yaml", content: "", mode: 0o644 }]), {
      path: "/etc/temporal",
    });
    await server.start();
    const connection = openTemporalConnection(`127.0.0.1:${await publishedPort(server, "7233/tcp")}`);
    try {
      const deadline = Date.now() + 120_000;
      let health = "";
      while (health !== "SERVING" && Date.now() < deadline) {
        health = await checkWorkflowServiceHealth(connection, 2000).catch(() => "");
        if (health !== "SERVING") await new Promise((resolve) => setTimeout(resolve, 500));
      }
      expect(health, (await tailContainerLogs(docker, server.id, 40, [])).join("\n")).toBe("SERVING");
      expect((await readSystemInfo(connection, 5000)).serverVersion).toBe("1.32.2");
    } finally {
      await connection.close();
    }

    // The admin-tools' CLI (v1.5.1) prints the status alone, and creates a namespace.
    const cli = await adminTools(
      "temporal operator cluster health && temporal operator namespace create -n " +
        "default --retention 24h && temporal operator namespace describe -n default",
    );
    expect(cli.exitCode, cli.output).toBe(0);
    expect(cli.output.split("\n")[0]).toBe("SERVING");
    expect(cli.output).toMatch(/NamespaceInfo\.Name\s+default/);
    const stored = await execInContainer(docker, server.id, [
      "sh",
      "-c",
      "command -v bash curl psql temporal || echo none",
    ]);
    expect(stored.stdout.trim()).toBe("none");
  }, 240_000);

  it(
    "admin-tools' default command idles until stopped, " + "and stops at once (1.32's `sleep infinity & wait`)",
    async () => {
      const idle = await docker.createContainer({
        Image: ADMIN_TOOLS,
        Labels: labels,
        HostConfig: { NetworkMode: network },
      });
      await idle.start();
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect((await idle.inspect()).State.Running).toBe(true);
      // A shell blocked on a foreground sleep would hold out until the 10 s grace period ends.
      const started = Date.now();
      await idle.stop({ t: 10 });
      expect(Date.now() - started).toBeLessThan(5000);
      await idle.remove({ force: true });
    },
    30_000,
  );
});
