import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Client } from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveProjectPaths } from "../../lib/config/config-location";
import { configSchema, type MyceliumConfig } from "../../lib/config/schema";
import type { DeployEvent } from "../../lib/deploy/deploy-events";
import { startDeploy, type DeploySession } from "../../lib/deploy/deploy-session";
import { COMPOSE_FILE, deploymentDirectory, readDeploymentSecrets } from "../../lib/deploy/deployment-files";
import { applyFix } from "../../lib/deploy/fix-actions";
import { readStackStatus } from "../../lib/deploy/stack-status";
import { diagnose } from "../../lib/diagnose/diagnose";
import { composeNames } from "../../lib/compose/compose-model";
import { projectContext } from "../../lib/stack/project-context";
import { serviceVerdict } from "../../lib/stack/service-verdict";
import { DeploymentValidator } from "../../lib/validation/deployment-validator";
import { findFreePort } from "../support/dashboard-server";
import {
  docker,
  engine,
  dockerCompose,
  ensureLocalImage,
  removeProject,
  requireImages,
  TEST_IMAGES,
  uniqueProjectName,
} from "../support/docker-fixtures";
import { CURRENT_RELEASE, CURRENT_RELEASE_IMAGES } from "../support/stack-config";

/**
 * The newest release deployed by the product from scratch, in the shape Temporal ships it from
 * 1.30 on: PostgreSQL, a schema job and a dynamic-config job on admin-tools, the slim server,
 * a namespace job, the UI. The real images, pulled from the local registry.
 */

const projects: string[] = [];
let home: string;

beforeAll(async () => {
  await requireImages(Object.values(CURRENT_RELEASE_IMAGES));
  await ensureLocalImage(TEST_IMAGES.busybox);
  home = await fs.mkdtemp(path.join(os.tmpdir(), "mycelium-current-"));
  process.env.XDG_DATA_HOME = home;
});

afterAll(async () => {
  for (const project of projects) await removeProject(project);
  await fs.rm(home, { recursive: true, force: true });
});

async function currentConfig(): Promise<MyceliumConfig> {
  const project = uniqueProjectName("it-current");
  projects.push(project);
  return configSchema.parse({
    project_name: project,
    services: {
      postgres: { port: await findFreePort(), version: CURRENT_RELEASE.postgres },
      temporal: {
        version: CURRENT_RELEASE.temporal,
        frontend_port: await findFreePort(),
        ui_port: await findFreePort(),
        namespace: "orders",
        namespace_retention: "3d",
      },
    },
  });
}

async function finished(session: DeploySession): Promise<DeployEvent[]> {
  await new Promise<void>((resolve) => {
    session.subscribe((event) => {
      if (event.type === "succeeded" || event.type === "failed") resolve();
    });
  });
  return session.events;
}

function outcome(events: DeployEvent[]): DeployEvent {
  return events.find((event) => event.type === "succeeded" || event.type === "failed")!;
}

async function verdicts(project: string): Promise<string[][]> {
  const status = await readStackStatus(docker, project);
  return status.services.map((s) => [s.service, serviceVerdict(s).label]);
}

async function validate(config: MyceliumConfig) {
  const validator = new DeploymentValidator({
    config,
    env: await readDeploymentSecrets(deploymentDirectory(config.project_name)),
    engine,
    temporalIdleMs: 0,
  });
  try {
    const report = await validator.validate();
    return { report, diagnoses: diagnose(report) };
  } finally {
    await validator.close();
  }
}

const HEALTHY = [
  ["postgres", "healthy"],
  ["temporal-schema", "completed"],
  ["temporal-config", "completed"],
  ["temporal", "healthy"],
  ["temporal-namespace", "completed"],
  ["temporal-ui", "healthy"],
];

describe(`Temporal ${CURRENT_RELEASE.temporal}: the server with its admin-tools jobs`, () => {
  let config: MyceliumConfig;

  it("deploys from scratch to a green report, and the compose CLI sees the same stack", async () => {
    config = await currentConfig();
    const events = await finished(await startDeploy(engine, config));
    expect(outcome(events).type, JSON.stringify(outcome(events), null, 2)).toBe("succeeded");
    expect(await verdicts(config.project_name)).toEqual(HEALTHY);
    // Each job waited for what it needs: the server only after both jobs completed.
    const health = events
      .filter((e): e is Extract<DeployEvent, { type: "health" }> => e.type === "health")
      .map((e) => `${e.service}:${e.status}`);
    expect(health).toEqual(
      expect.arrayContaining([
        "temporal-schema:completed",
        "temporal-config:completed",
        "temporal-namespace:completed",
        "temporal:healthy",
      ]),
    );

    const { report, diagnoses } = await validate(config);
    expect(report.status, report.formatSummary()).toBe("healthy");
    expect(report.check("container.temporal-schema")?.message).toBe(
      `Job ${config.project_name}-temporal-schema completed successfully`,
    );
    expect(report.check("postgres.schema.main")?.message).toMatch(
      /^Schema version 1\.19 in temporal, as Temporal 1\.32\.2 expects/,
    );
    expect(report.check("temporal.version")?.status).toBe("pass");
    expect(diagnoses).toEqual([]);

    const directory = deploymentDirectory(config.project_name);
    expect(dockerCompose(["-p", config.project_name, "-f", COMPOSE_FILE, "config", "-q"], directory)).toBe("");
    const listed = dockerCompose(["-p", config.project_name, "-f", COMPOSE_FILE, "ps"], directory);
    expect(listed).toMatch(new RegExp(`${config.project_name}-temporal-schema\\s.*Exit 0`));
    expect(listed).toMatch(new RegExp(`${config.project_name}-temporal\\s.*Up \\(healthy\\)`));
  });

  it("registers the configured namespace with its retention", async () => {
    const secrets = await readDeploymentSecrets(deploymentDirectory(config.project_name));
    const client = new Client({
      host: "127.0.0.1",
      port: config.services.postgres.port,
      user: secrets!.POSTGRES_USER,
      password: secrets!.POSTGRES_PASSWORD,
      database: "temporal",
    });
    await client.connect();
    try {
      const rows = await client.query<{ name: string }>("SELECT name FROM namespaces WHERE name = 'orders'");
      expect(rows.rows).toEqual([{ name: "orders" }]);
    } finally {
      await client.end();
    }
  });

  it("redeploys as a no-op: no container touched, no job run again", async () => {
    const before = await readStackStatus(docker, config.project_name);
    const events = await finished(await startDeploy(engine, config));
    expect(outcome(events).type).toBe("succeeded");
    expect(events.filter((e) => e.type === "container")).toEqual([]);
    const after = await readStackStatus(docker, config.project_name);
    const started = async (id: string) => (await docker.getContainer(id).inspect()).State.StartedAt;
    for (const service of before.services) {
      const again = after.services.find((s) => s.service === service.service)!;
      expect(again.containerId, service.service).toBe(service.containerId);
      expect(await started(again.containerId), service.service).toBe(await started(service.containerId));
    }
  });

  it(
    "without its dynamic-config file the server crash-loops, " +
      "the first report says why, and the fix makes it green",
    async () => {
      // Take the file out of the volume the server reads it from, then start the server afresh.
      const volume = composeNames.volume(config.project_name, "temporal-dynamic-config");
      const remover = await docker.createContainer({
        Image: TEST_IMAGES.busybox,
        Cmd: ["rm", "/d/development-sql.yaml"],
        HostConfig: { Binds: [`${volume}:/d`] },
      });
      await remover.start();
      expect(((await remover.wait()) as { StatusCode: number }).StatusCode).toBe(0);
      await remover.remove();
      const temporal = (await readStackStatus(docker, config.project_name)).services.find(
        (s) => s.service === "temporal",
      )!;
      await docker.getContainer(temporal.containerId).restart();
      // Until it has crashed once, so that its log says why.
      for (
        let info = await docker.getContainer(temporal.containerId).inspect();
        info.RestartCount < 1 && !info.State.Restarting;
      ) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        info = await docker.getContainer(temporal.containerId).inspect();
      }

      const { report, diagnoses } = await validate(config);
      expect(report.check("container.temporal")?.message).toMatch(
        /crash-looping: .*unable to create dynamic config client/i,
      );
      expect(diagnoses[0]).toMatchObject({ id: "dynamic-config-missing", fix: { kind: "regenerate-dynamic-config" } });

      const configFile = path.join(home, "config.yaml");
      await fs.writeFile(configFile, JSON.stringify(config));
      const context = projectContext({ paths: { ...resolveProjectPaths(), configPath: configFile }, engine });
      const { deploy } = await applyFix(context, { kind: "regenerate-dynamic-config" });
      expect(deploy).not.toBeNull();
      const events = await finished(deploy!);
      expect(outcome(events).type, JSON.stringify(outcome(events), null, 2)).toBe("succeeded");
      expect(await verdicts(config.project_name)).toEqual(HEALTHY);
      const after = (await validate(config)).report;
      expect(after.status, after.formatSummary()).toBe("healthy");
    },
  );

  it("a schema job that cannot log in is the root cause on the first report", async () => {
    const broken = await currentConfig();
    expect(outcome(await finished(await startDeploy(engine, broken))).type).toBe("succeeded");
    // Someone changes the password in PostgreSQL by hand; the next deploy runs the schema job again.
    const secrets = (await readDeploymentSecrets(deploymentDirectory(broken.project_name)))!;
    const client = new Client({
      host: "127.0.0.1",
      port: broken.services.postgres.port,
      user: secrets.POSTGRES_USER,
      password: secrets.POSTGRES_PASSWORD,
      database: "postgres",
    });
    await client.connect();
    await client.query(`ALTER USER ${secrets.POSTGRES_USER} PASSWORD 'changed-by-hand-1234'`);
    await client.end();
    const events = await finished(await startDeploy(engine, broken, { "temporal-schema": "the test runs it again" }));
    expect(outcome(events)).toMatchObject({ type: "failed" });
    expect(JSON.stringify(outcome(events))).toContain("temporal-schema");

    const { report, diagnoses } = await validate(broken);
    expect(report.check("container.temporal-schema")).toMatchObject({ status: "fail" });
    // The sql tool's own words: it does not pass PostgreSQL's reason on.
    expect(report.check("container.temporal-schema")?.message).toBe(
      `Job ${broken.project_name}-temporal-schema failed (exit code 1): ` +
        `Unable to create SQL database: no usable database connection found`,
    );
    expect(diagnoses[0]?.id).toBe("postgres-password-failed");
    expect(diagnoses.map((d) => d.id)).toContain("schema-job-failed");
    expect(JSON.stringify(report)).not.toContain(secrets.POSTGRES_PASSWORD);
  });
});
