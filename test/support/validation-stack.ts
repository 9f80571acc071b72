/**
 * A real stack for the validator's integration tests and benchmark: the product's default
 * images (PostgreSQL, the real Temporal 1.22 server with auto-setup, the real UI server),
 * deployed by the product itself on free ports, so the container checks see a compose project.
 * The tests break it for real (stop a container, a wrong password, idle connections) and
 * repair it. Everything started here is removed by `stop()`.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type Docker from "dockerode";
import pg from "pg";
import { configSchema, type MyceliumConfig } from "../../lib/config/schema";
import { startDeploy } from "../../lib/deploy/deploy-session";
import { deploymentDirectory, readDeploymentSecrets } from "../../lib/deploy/deployment-files";
import { waitForUsableNamespace } from "../../lib/deploy/namespace-readiness";
import { waitForHealthy } from "../../lib/docker/container-health";
import { tailContainerLogs } from "../../lib/docker/container-logs";
import { listProjectContainers } from "../../lib/docker/project-resources";
import { docker, engine, removeProject, requireTestImages, uniqueProjectName } from "./docker-fixtures";
import { findFreePort } from "./free-ports";
import type { EngineTarget } from "../../lib/stack/engine-target";

export { findFreePort };

export interface ValidationStack {
  project: string;
  engine: EngineTarget;
  docker: Docker;
  config: MyceliumConfig;
  /** The deployment `.env` the validator reads credentials from. */
  env: Record<string, string>;
  password: string;
  ports: { postgres: number; temporal: number; ui: number };
  /** Container id per compose service. */
  containers: Record<"postgres" | "temporal" | "temporal-ui", string>;
  /** A client for test manipulations (UPDATE schema_version, idle connections…). */
  connect(database?: string): Promise<pg.Client>;
  startTemporal(): Promise<void>;
  stopTemporal(): Promise<void>;
  startUi(): Promise<void>;
  stopUi(): Promise<void>;
  temporalLog(): Promise<string>;
  stop(): Promise<void>;
}

export interface StackOptions {
  /** PostgreSQL's max_connections (the real Temporal 1.22 holds about 40 at rest). */
  maxConnections?: number;
}

const USER = "postgres";
const DATABASE = "temporal";

/** Start a container again and wait for its healthcheck, as a deploy would. */
async function startAndWait(id: string): Promise<void> {
  await docker.getContainer(id).start();
  const result = await waitForHealthy(
    docker,
    [{ service: id, containerId: id }],
    Date.now() + 120_000,
    () => undefined,
  );
  if (result.outcome !== "healthy") {
    throw new Error(
      `container ${id.slice(0, 12)} did not come back healthy ` +
        `(${result.outcome}):\n${(await tailContainerLogs(docker, id, 30, [])).join("\n")}`,
    );
  }
}

/** Deploy the stack with the product (which waits until the default namespace is usable). */
export async function startValidationStack({ maxConnections = 100 }: StackOptions = {}): Promise<ValidationStack> {
  await requireTestImages();
  const project = uniqueProjectName("valtest");
  const dataHome = mkdtempSync(path.join(os.tmpdir(), "mycelium-validation-"));
  // The deployment's files (and its generated password) land below XDG_DATA_HOME.
  process.env.XDG_DATA_HOME = dataHome;
  const ports = { postgres: await findFreePort(), temporal: await findFreePort(), ui: await findFreePort() };
  const config = configSchema.parse({
    project_name: project,
    deployment: { healthcheck_timeout: 180 },
    services: {
      postgres: { port: ports.postgres, database: DATABASE, user: USER, max_connections: maxConnections },
      temporal: { frontend_port: ports.temporal, ui_port: ports.ui, namespace: "default" },
    },
  });
  const stop = async () => {
    await removeProject(project);
    rmSync(dataHome, { recursive: true, force: true });
  };

  try {
    const session = await startDeploy(engine, config);
    const outcome = await new Promise<{ type: string; message?: string }>((resolve) =>
      session.subscribe((event) => {
        if (event.type === "succeeded") resolve(event);
        if (event.type === "failed")
          resolve({ type: "failed", message: `${event.error.message}\n${event.logTail.join("\n")}` });
      }),
    );
    if (outcome.type !== "succeeded") throw new Error(`the validation stack did not deploy: ${outcome.message}`);

    const env = (await readDeploymentSecrets(deploymentDirectory(project)))!;
    const password = env.POSTGRES_PASSWORD!;
    const byService = Object.fromEntries((await listProjectContainers(docker, project)).map((c) => [c.service, c.id]));
    const containers = {
      postgres: byService.postgres!,
      temporal: byService.temporal!,
      "temporal-ui": byService["temporal-ui"]!,
    };

    const connect = async (database = DATABASE) => {
      const client = new pg.Client({
        host: "127.0.0.1",
        port: ports.postgres,
        user: USER,
        password,
        database,
        application_name: "mycelium-validation-test",
      });
      client.on("error", () => undefined);
      try {
        await client.connect();
      } catch (error) {
        await client.end().catch(() => undefined);
        throw error;
      }
      return client;
    };

    // The deploy waited until workflows can use the default namespace; a restart waits the same way.
    const namespaceUsable = () =>
      waitForUsableNamespace(engine, config, Date.now() + 60_000, () => undefined, [password]);

    return {
      project,
      engine,
      docker,
      config,
      env,
      password,
      ports,
      containers,
      connect,
      startTemporal: async () => {
        await startAndWait(containers.temporal);
        await namespaceUsable();
      },
      stopTemporal: async () => void (await docker.getContainer(containers.temporal).stop({ t: 10 })),
      startUi: () => startAndWait(containers["temporal-ui"]),
      stopUi: async () => void (await docker.getContainer(containers["temporal-ui"]).stop({ t: 10 })),
      temporalLog: async () => (await tailContainerLogs(docker, containers.temporal, 200, [password])).join("\n"),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
