/**
 * A real stack for the validator's integration tests and benchmark: PostgreSQL from the
 * local test image in a container (labelled as a compose project, so the container checks
 * see it), and the Temporal and Temporal UI protocol stand-ins (test fixtures, not Temporal)
 * as host processes against it. Everything started here is removed by `stop()`.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import Docker from "dockerode";
import pg from "pg";
import { configSchema, type MyceliumConfig } from "../../lib/config/schema";
import { findFreePort } from "./free-ports";
import { describeNamespace } from "../../lib/temporal/namespaces";
import { checkWorkflowServiceHealth, openTemporalConnection } from "../../lib/temporal/temporal-connection";

const root = path.resolve(import.meta.dirname, "..", "..");

export const POSTGRES_IMAGE = "mycelium-test/postgres:15";
export const TEMPORAL_IMAGE = "mycelium-test/temporal:1.22.0";
export const TEST_LABEL = "dev.mycelium.test";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export { findFreePort };

async function waitFor<T>(what: string, timeoutMs: number, attempt: () => Promise<T>, log: () => string = () => ""): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown = null;
  while (Date.now() < deadline) {
    try {
      return await attempt();
    } catch (error) {
      last = error;
      await sleep(200);
    }
  }
  throw new Error(`${what} not ready after ${timeoutMs} ms: ${(last as Error)?.message ?? last}\n${log().slice(-3000)}`);
}

/** Build a missing test image with the fixture's own script (another engineer's tool). */
export async function ensureImage(docker: Docker, image: string, key: "postgres" | "temporal"): Promise<void> {
  try {
    await docker.getImage(image).inspect();
    return;
  } catch {
    // Built below.
  }
  const built = spawnSync(process.execPath, [path.join(root, "test", "fixtures", "images", "build-images.mjs"), "--quiet", key], { cwd: root, stdio: "inherit" });
  if (built.status !== 0) throw new Error(`Building ${image} failed (node test/fixtures/images/build-images.mjs ${key})`);
}

/** A child process whose output is kept for failure messages. */
class Fixture {
  private output = "";
  private child: ChildProcess | null = null;

  constructor(
    private readonly script: string,
    private readonly env: Record<string, string>,
  ) {}

  start(): void {
    const child = spawn(process.execPath, ["--import", "tsx", this.script], {
      cwd: root,
      env: { ...process.env, ...this.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout?.on("data", (chunk: Buffer) => (this.output = (this.output + chunk.toString()).slice(-20_000)));
    child.stderr?.on("data", (chunk: Buffer) => (this.output = (this.output + chunk.toString()).slice(-20_000)));
    this.child = child;
  }

  log(): string {
    return this.output;
  }

  pid(): number | null {
    return this.child?.pid ?? null;
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
    await exited;
    clearTimeout(timer);
  }
}

export interface ValidationStack {
  project: string;
  docker: Docker;
  config: MyceliumConfig;
  /** The deployment `.env` the validator reads credentials from. */
  env: Record<string, string>;
  password: string;
  ports: { postgres: number; temporal: number; ui: number };
  postgresContainerId: string;
  /** A client for test manipulations (UPDATE schema_version, idle connections…). */
  connect(database?: string): Promise<pg.Client>;
  startTemporal(): Promise<void>;
  stopTemporal(): Promise<void>;
  startUi(): Promise<void>;
  stopUi(): Promise<void>;
  temporalLog(): string;
  /** Process ids of the running stand-ins (for CPU accounting in the benchmark). */
  standinPids(): number[];
  stop(): Promise<void>;
}

export interface StackOptions {
  /** PostgreSQL's max_connections; small, so the connection-slot scenarios are cheap. */
  maxConnections?: number;
}

/** Start PostgreSQL, then the Temporal and UI stand-ins, and wait until the default namespace answers. */
export async function startValidationStack({ maxConnections = 40 }: StackOptions = {}): Promise<ValidationStack> {
  const docker = new Docker({ socketPath: "/var/run/docker.sock" });
  await ensureImage(docker, POSTGRES_IMAGE, "postgres");
  const project = `valtest-${randomBytes(3).toString("hex")}`;
  const password = `pw-${randomBytes(12).toString("hex")}`;
  const user = "postgres";
  const database = "temporal";
  const scratch = mkdtempSync(path.join(os.tmpdir(), "mycelium-validation-"));
  const dynamicConfig = path.join(scratch, "development-sql.yaml");
  writeFileSync(dynamicConfig, "limit.maxIDLength:\n  - value: 255\n    constraints: {}\n");

  const container = await docker.createContainer({
    name: `${project}-postgres`,
    Image: POSTGRES_IMAGE,
    Cmd: ["postgres", "-c", `max_connections=${maxConnections}`],
    Env: [`POSTGRES_USER=${user}`, `POSTGRES_PASSWORD=${password}`, `POSTGRES_DB=${database}`],
    Labels: {
      "com.docker.compose.project": project,
      "com.docker.compose.service": "postgres",
      "com.docker.compose.oneoff": "False",
      [TEST_LABEL]: "validation",
    },
    ExposedPorts: { "5432/tcp": {} },
    Healthcheck: { Test: ["CMD-SHELL", `pg_isready -h 127.0.0.1 -U ${user} -d ${database}`], Interval: 1e9, Timeout: 3e9, Retries: 60 },
    HostConfig: { PortBindings: { "5432/tcp": [{ HostIp: "127.0.0.1", HostPort: "" }] } },
  });
  const removeContainer = () => container.remove({ force: true, v: true }).catch(() => undefined);
  let temporal: Fixture | null = null;
  let ui: Fixture | null = null;
  const stop = async () => {
    await Promise.all([temporal?.stop(), ui?.stop()]);
    await removeContainer();
    rmSync(scratch, { recursive: true, force: true });
  };

  try {
    await container.start();
    const info = await container.inspect();
    const postgresPort = Number(info.NetworkSettings.Ports["5432/tcp"]?.[0]?.HostPort);
    const connect = async (db = database) => {
      const client = new pg.Client({ host: "127.0.0.1", port: postgresPort, user, password, database: db, application_name: "mycelium-validation-test" });
      client.on("error", () => undefined);
      try {
        await client.connect();
      } catch (error) {
        await client.end().catch(() => undefined);
        throw error;
      }
      return client;
    };
    // The image's init runs a socket-only server first: a TCP login means the real one is up.
    await waitFor("PostgreSQL", 90_000, async () => (await connect()).end());

    const [temporalPort, uiPort] = [await findFreePort(), await findFreePort()];
    temporal = new Fixture("test/fixtures/temporal-standin/main.ts", {
      DB: "postgres12",
      DB_PORT: String(postgresPort),
      POSTGRES_SEEDS: "127.0.0.1",
      POSTGRES_USER: user,
      POSTGRES_PWD: password,
      DBNAME: database,
      VISIBILITY_DBNAME: `${database}_visibility`,
      BIND_ON_IP: "127.0.0.1",
      FRONTEND_GRPC_PORT: String(temporalPort),
      DYNAMIC_CONFIG_FILE_PATH: dynamicConfig,
      DEFAULT_NAMESPACE: "default",
      STANDIN_READY_DELAY_MS: "200",
    });
    ui = new Fixture("test/fixtures/temporal-ui-standin/main.ts", {
      TEMPORAL_ADDRESS: `127.0.0.1:${temporalPort}`,
      TEMPORAL_UI_PORT: String(uiPort),
    });
    const temporalFixture = temporal;
    const uiFixture = ui;

    const startTemporal = async () => {
      temporalFixture.start();
      const connection = openTemporalConnection(`127.0.0.1:${temporalPort}`);
      try {
        await waitFor(
          "Temporal stand-in",
          60_000,
          async () => {
            if ((await checkWorkflowServiceHealth(connection, 1000)) !== "SERVING") throw new Error("not SERVING yet");
            await describeNamespace(connection, "default", 1000);
          },
          () => temporalFixture.log(),
        );
      } finally {
        await connection.close();
      }
    };
    const startUi = async () => {
      uiFixture.start();
      await waitFor(
        "Temporal UI stand-in",
        30_000,
        () =>
          new Promise<void>((resolve, reject) => {
            http
              .get(`http://127.0.0.1:${uiPort}/healthz`, { agent: false }, (res) => (res.resume(), res.statusCode === 200 ? resolve() : reject(new Error(`status ${res.statusCode}`))))
              .on("error", reject);
          }),
        () => uiFixture.log(),
      );
    };
    await Promise.all([startTemporal(), startUi()]);

    const config = configSchema.parse({
      project_name: project,
      services: {
        postgres: { version: "15", port: postgresPort, database, user, max_connections: maxConnections },
        temporal: { version: "1.22.0", frontend_port: temporalPort, ui_port: uiPort, namespace: "default" },
      },
    });
    return {
      project,
      docker,
      config,
      env: { POSTGRES_USER: user, POSTGRES_PASSWORD: password, POSTGRES_DB: database },
      password,
      ports: { postgres: postgresPort, temporal: temporalPort, ui: uiPort },
      postgresContainerId: container.id,
      connect,
      startTemporal,
      stopTemporal: () => temporalFixture.stop(),
      startUi,
      stopUi: () => uiFixture.stop(),
      temporalLog: () => temporalFixture.log(),
      standinPids: () => [temporalFixture.pid(), uiFixture.pid()].filter((pid): pid is number => pid !== null),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
