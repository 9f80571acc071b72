import { spawn } from "node:child_process";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Client as TemporalClient, Connection } from "@temporalio/client";
import { Client, escapeIdentifier, escapeLiteral } from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acquireMaintenanceLock } from "../../lib/backup/maintenance-lock";
import { listBackups } from "../../lib/backup/list-backups";
import { expectedSchemaVersions, parseVersion, type Version } from "../../lib/config/compat";
import { resolveProjectPaths } from "../../lib/config/config-location";
import { loadValidConfig } from "../../lib/config/load-valid-config";
import type { MyceliumConfig } from "../../lib/config/schema";
import type { DeployEvent } from "../../lib/deploy/deploy-events";
import { startDeploy } from "../../lib/deploy/deploy-session";
import { deploymentDirectory, readDeploymentSecrets } from "../../lib/deploy/deployment-files";
import { readStackStatus } from "../../lib/deploy/stack-status";
import { MyceliumError } from "../../lib/errors";
import { projectContext, type ProjectContext } from "../../lib/stack/project-context";
import { resolveStackDecisions, visibilityDatabase } from "../../lib/stack/stack-settings";
import { runUpgrade, type UpgradeDependencies, type UpgradeEvent } from "../../lib/upgrade/run-upgrade";
import { upgradeDependencies } from "../../lib/upgrade/upgrade-dependencies";
import { readUpgradeHistory, type UpgradeRecord } from "../../lib/upgrade/upgrade-history";
import { docker, engine, removeProject, requireImages, uniqueProjectName } from "../support/docker-fixtures";
import {
  CURRENT_RELEASE,
  CURRENT_RELEASE_IMAGES,
  PREVIOUS_RELEASE,
  PREVIOUS_RELEASE_IMAGES,
  writeStackConfig,
  type StackVersions,
} from "../support/stack-config";

/**
 * A guided upgrade of a real stack across two consecutive minors on the current shape
 * (temporalio/server + admin-tools jobs): PostgreSQL, the real Temporal 1.31.2 server,
 * upgraded to 1.32.2 by the real runner (backup, schema job, server, validation), with a
 * workflow started before it that must still be there after. Also a step that fails, and the
 * refusals, on the same stack.
 */

const root = path.resolve(__dirname, "..", "..");
const projects: string[] = [];
let home: string;
const figures: string[] = [];

interface Stack {
  config: MyceliumConfig;
  configPath: string;
  deployMs: number;
}

beforeAll(async () => {
  const { temporal, adminTools } = CURRENT_RELEASE_IMAGES;
  await requireImages([...Object.values(PREVIOUS_RELEASE_IMAGES), temporal, adminTools]);
  home = await fs.mkdtemp(path.join(os.tmpdir(), "mycelium-upgrade-"));
  process.env.XDG_DATA_HOME = path.join(home, "data");
  process.env.XDG_STATE_HOME = path.join(home, "state");
});

afterAll(async () => {
  for (const line of figures) console.log(`[figures] ${line}`);
  for (const project of projects) await removeProject(project);
  await fs.rm(home, { recursive: true, force: true });
});

/** A new project on free ports, deployed from scratch by the product until it is healthy. */
async function deployStack(versions: StackVersions): Promise<Stack> {
  const project = uniqueProjectName("it-upgrade");
  projects.push(project);
  const configPath = path.join(home, project, "config.yaml");
  await writeStackConfig(configPath, { project, healthcheckTimeout: 180, versions });
  const config = await loadValidConfig(configPath);
  const started = Date.now();
  const session = await startDeploy(engine, config);
  const outcome = await new Promise<DeployEvent>((resolve) => {
    session.subscribe((event) => {
      if (event.type === "succeeded" || event.type === "failed") resolve(event);
    });
  });
  expect(outcome.type, JSON.stringify(outcome, null, 2)).toBe("succeeded");
  return { config, configPath, deployMs: Date.now() - started };
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

function stepMs(step: UpgradeRecord["steps"][number]): number {
  return Date.parse(step.finishedAt) - Date.parse(step.startedAt);
}

async function sql<T>(config: MyceliumConfig, database: string, text: string, password?: string): Promise<T[]> {
  const secrets = (await readDeploymentSecrets(deploymentDirectory(config.project_name)))!;
  const client = new Client({
    host: "127.0.0.1",
    port: config.services.postgres.port,
    user: secrets.POSTGRES_USER,
    password: password ?? secrets.POSTGRES_PASSWORD,
    database,
  });
  await client.connect();
  try {
    return (await client.query(text)).rows as T[];
  } finally {
    await client.end();
  }
}

/** `schema_version.curr_version` of both databases, as the schema jobs left them. */
async function schemaVersions(config: MyceliumConfig): Promise<{ main: string; visibility: string }> {
  const read = async (database: string) =>
    (await sql<{ curr_version: string }>(config, database, "SELECT curr_version FROM schema_version"))[0]!.curr_version;
  return { main: await read(config.services.postgres.database), visibility: await read(visibilityDatabase(config)) };
}

async function runningServerImage(config: MyceliumConfig): Promise<string | undefined> {
  const { services } = await readStackStatus(docker, config.project_name);
  return services.find((service) => service.service === "temporal")?.image;
}

/** A client of the stack's real frontend, for the duration of `call`. */
async function withTemporal<T>(config: MyceliumConfig, call: (client: TemporalClient) => Promise<T>): Promise<T> {
  const connection = await Connection.connect({ address: `127.0.0.1:${config.services.temporal.frontend_port}` });
  try {
    const client = new TemporalClient({ connection, namespace: config.services.temporal.namespace });
    return await connection.withDeadline(Date.now() + 30_000, () => call(client));
  } finally {
    await connection.close();
  }
}

/** The workflow's status and the type of its first history event, through the real server. */
async function workflowAsSeen(config: MyceliumConfig, workflowId: string) {
  return withTemporal(config, async (client) => {
    const handle = client.workflow.getHandle(workflowId);
    const description = await handle.describe();
    const history = await handle.fetchHistory();
    const [first] = history.events ?? [];
    return {
      status: description.status.name,
      type: description.type,
      startedType: first?.workflowExecutionStartedEventAttributes?.workflowType?.name ?? null,
    };
  });
}

/** The stack's project context: its own config file, on the tests' engine. */
function contextOf(stack: Stack): ProjectContext {
  return projectContext({ paths: { ...resolveProjectPaths(), configPath: stack.configPath }, engine });
}

async function upgrade(stack: Stack, deps: UpgradeDependencies = upgradeDependencies(contextOf(stack))) {
  const events: UpgradeEvent[] = [];
  const config = await loadValidConfig(stack.configPath);
  const started = Date.now();
  const record = await runUpgrade({ config, to: CURRENT_RELEASE.temporal, emit: (event) => events.push(event) }, deps);
  return { record, events, wallMs: Date.now() - started };
}

async function refusal(stack: Stack, to: string): Promise<MyceliumError> {
  const config = await loadValidConfig(stack.configPath);
  const deps = upgradeDependencies(contextOf(stack));
  const error = await runUpgrade({ config, to }, deps).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(MyceliumError);
  return error as MyceliumError;
}

async function validation(stack: Stack) {
  return upgradeDependencies(contextOf(stack)).validate(await loadValidConfig(stack.configPath));
}

/** `mycelium …` as the user types it, against this stack's config and data. */
function cli(stack: Stack, command: string): Promise<{ code: number; output: string }> {
  const [program, ...args] = command.split(" ");
  expect(program).toBe("mycelium");
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, "bin", "mycelium.mjs"), ...args], {
      cwd: root,
      env: { ...process.env, MYCELIUM_CONFIG: stack.configPath },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? -1, output }));
  });
}

const target = parseVersion(CURRENT_RELEASE.temporal) as Version;

describe(`upgrade ${PREVIOUS_RELEASE.temporal} → ${CURRENT_RELEASE.temporal} of a real stack`, () => {
  let stack: Stack;
  const workflowId = `upgrade-keepsake-${Date.now()}`;

  it(`deploys ${PREVIOUS_RELEASE.temporal} from scratch and starts a workflow on it`, async () => {
    stack = await deployStack(PREVIOUS_RELEASE);
    const { temporal, postgres } = PREVIOUS_RELEASE;
    figures.push(`cold deploy of ${temporal} (postgres ${postgres}): ${seconds(stack.deployMs)}`);
    expect(await runningServerImage(stack.config)).toBe(PREVIOUS_RELEASE_IMAGES.temporal);
    // No worker polls its task queue: the workflow stays Running, its history holds the start.
    await withTemporal(stack.config, (client) =>
      client.workflow.start("UpgradeKeepsake", { taskQueue: "upgrade-keepsake", workflowId }),
    );
    expect(await workflowAsSeen(stack.config, workflowId)).toEqual({
      status: "RUNNING",
      type: "UpgradeKeepsake",
      startedType: "UpgradeKeepsake",
    });
  }, 300_000);

  it("refuses an older target, a held lock and a stack that is not healthy, changing nothing", async () => {
    const older = await refusal(stack, "1.30.6");
    expect(older.code).toBe("bad_request:target_older");
    expect(older.message).toMatch(/^Cannot upgrade to 1\.30\.6: it is older than 1\.31\.2, the version running\./);

    const release = await acquireMaintenanceLock(deploymentDirectory(stack.config.project_name), "backup");
    try {
      const locked = await refusal(stack, CURRENT_RELEASE.temporal);
      expect(locked.status).toBe(409);
      expect(locked.message).toBe("Cannot start an upgrade now: a backup of this project is running.");
    } finally {
      await release();
    }

    const server = docker.getContainer(`${stack.config.project_name}-temporal`);
    await server.stop();
    try {
      const unhealthy = await refusal(stack, CURRENT_RELEASE.temporal);
      expect(unhealthy.code).toBe("conflict:stack_unhealthy");
      expect(unhealthy.message).toMatch(/^The stack is not healthy, so it is not upgraded \((un|de)\w+\): .*temporal/);
    } finally {
      await server.start();
    }
    // Back to healthy before the next test; the refusals took no backup and wrote no history.
    const deadline = Date.now() + 120_000;
    let verdict = await validation(stack);
    while (verdict.status !== "healthy" && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 3000));
      verdict = await validation(stack);
    }
    expect(verdict.status, verdict.problems.join("\n")).toBe("healthy");
    expect(await listBackups(stack.config.project_name)).toEqual([]);
    expect(await readUpgradeHistory(stack.config.project_name)).toEqual([]);
    expect((await loadValidConfig(stack.configPath)).services.temporal.version).toBe(PREVIOUS_RELEASE.temporal);
  }, 300_000);

  it("a step whose schema job cannot log in stops there, puts the stack back, and the backup restores", async () => {
    // The fault only the new step meets: while the 1.32.2 step deploys, the role's password in
    // PostgreSQL is not the one Mycelium holds (changed by hand, put back before the upgrade
    // redeploys 1.31.2). The running server keeps its open connections; the new schema job,
    // the first thing the step runs, cannot log in.
    const secrets = (await readDeploymentSecrets(deploymentDirectory(stack.config.project_name)))!;
    const user = secrets.POSTGRES_USER!;
    const password = secrets.POSTGRES_PASSWORD!;
    const changed = "changed-by-hand-during-the-upgrade";
    const setPassword = (from: string, to: string) =>
      sql(stack.config, "postgres", `ALTER ROLE ${escapeIdentifier(user)} PASSWORD ${escapeLiteral(to)}`, from);
    const real = upgradeDependencies(contextOf(stack));
    const deps: UpgradeDependencies = {
      ...real,
      deploy: async (config, emit) => {
        if (config.services.temporal.version !== CURRENT_RELEASE.temporal) return real.deploy(config, emit);
        await setPassword(password, changed);
        try {
          return await real.deploy(config, emit);
        } finally {
          await setPassword(changed, password);
        }
      },
    };
    const serverBefore = await docker.getContainer(`${stack.config.project_name}-temporal`).inspect();
    const { record, events } = await upgrade(stack, deps);

    expect(record.state).toBe("failed");
    // Schema first: the running server is replaced only once the new schema job has completed.
    const serverAfter = await docker.getContainer(`${stack.config.project_name}-temporal`).inspect();
    expect([serverAfter.Id, serverAfter.State.StartedAt]).toEqual([serverBefore.Id, serverBefore.State.StartedAt]);
    expect(record.runningVersion).toBe(PREVIOUS_RELEASE.temporal);
    expect(record.steps).toHaveLength(1);
    const [step] = record.steps;
    expect(step).toMatchObject({ number: 1, version: CURRENT_RELEASE.temporal, state: "failed" });
    figures.push(`failed upgrade step (schema job cannot log in): ${seconds(stepMs(step!))}`);
    const project = stack.config.project_name;
    // The job's own last words: temporal-sql-tool reports a refused login as no usable connection.
    expect(record.error!.message).toMatch(
      new RegExp(
        `^Step 1 \\(Temporal 1\\.32\\.2\\) failed: ${project}-temporal-schema failed: the job exited with an error: ` +
          "Unable to .*(no usable database connection found|password authentication failed)",
      ),
    );
    expect(step!.logTail.join("\n")).toMatch(/password authentication failed|no usable database connection/);
    expect(record.restoreCommand).toBe(`mycelium backup restore ${record.backupId} --confirm ${project}`);
    expect(record.error!.hint).toContain("The stack runs Temporal 1.31.2 again, the last good step.");
    expect(record.error!.hint).toContain(record.restoreCommand!);
    const failed = events.find((event) => event.type === "failed");
    expect(failed).toMatchObject({ step: 1, service: "temporal-schema", restoreCommand: record.restoreCommand });
    expect(JSON.stringify(record)).not.toContain(password);

    // Left on 1.31.2, healthy, the config back on it, and the history says so.
    expect((await loadValidConfig(stack.configPath)).services.temporal.version).toBe(PREVIOUS_RELEASE.temporal);
    expect(await runningServerImage(stack.config)).toBe(PREVIOUS_RELEASE_IMAGES.temporal);
    const after = await validation(stack);
    expect(after.status, after.problems.join("\n")).toBe("healthy");
    expect((await readUpgradeHistory(stack.config.project_name))[0]).toMatchObject({ id: record.id, state: "failed" });

    // The backup it took is listed, and the command it printed restores it to a healthy stack.
    const backups = await listBackups(stack.config.project_name);
    expect(backups.map((backup) => [backup.id, backup.reason])).toEqual([[record.backupId, "before-upgrade"]]);
    const started = Date.now();
    const restore = await cli(stack, record.restoreCommand!);
    expect(restore.code, restore.output).toBe(0);
    const restoreMs = Date.now() - started;
    figures.push(`restore of the pre-upgrade backup (CLI, restarts temporal and the UI): ${seconds(restoreMs)}`);
    const restored = await validation(stack);
    expect(restored.status, restored.problems.join("\n")).toBe("healthy");
    expect((await workflowAsSeen(stack.config, workflowId)).status).toBe("RUNNING");
  }, 600_000);

  it("upgrades to 1.32.2: backup first, the step recorded, the new server and schema, the workflow kept", async () => {
    const backupsBefore = (await listBackups(stack.config.project_name)).map((backup) => backup.id);
    const { record, events, wallMs } = await upgrade(stack);

    expect(record.state, JSON.stringify(record.error)).toBe("succeeded");
    expect(record).toMatchObject({ from: PREVIOUS_RELEASE.temporal, to: CURRENT_RELEASE.temporal, error: null });
    expect(record.runningVersion).toBe(CURRENT_RELEASE.temporal);
    expect(record.steps).toEqual([
      expect.objectContaining({
        number: 1,
        version: CURRENT_RELEASE.temporal,
        shape: "server-and-admin-tools",
        state: "succeeded",
        validation: { status: "healthy", rootCause: null },
      }),
    ]);
    const history = await readUpgradeHistory(stack.config.project_name);
    expect(history.map((entry) => [entry.id, entry.state])).toEqual([
      [record.id, "succeeded"],
      [expect.any(String), "failed"],
    ]);
    // The backup came before the step.
    const phases = events.map((event) => (event.type === "upgrade-phase" ? event.phase : event.type));
    expect(phases.indexOf("backup")).toBeLessThan(phases.indexOf("upgrade-step"));

    const config = await loadValidConfig(stack.configPath);
    expect(config.services.temporal.version).toBe(CURRENT_RELEASE.temporal);
    expect(await runningServerImage(config)).toBe(CURRENT_RELEASE_IMAGES.temporal);
    const expected = expectedSchemaVersions(target, resolveStackDecisions(config).dbPlugin);
    expect(expected).not.toBeNull();
    expect(await schemaVersions(config)).toEqual(expected);

    const backups = await listBackups(config.project_name);
    const taken = backups.filter((backup) => !backupsBefore.includes(backup.id));
    expect(taken.map((backup) => [backup.id, backup.reason, backup.temporalVersion])).toEqual([
      [record.backupId, "before-upgrade", PREVIOUS_RELEASE.temporal],
    ]);

    expect(await workflowAsSeen(config, workflowId)).toEqual({
      status: "RUNNING",
      type: "UpgradeKeepsake",
      startedType: "UpgradeKeepsake",
    });

    const stepTimes = record.steps.map(stepMs);
    const median = [...stepTimes].sort((a, b) => a - b)[Math.floor(stepTimes.length / 2)]!;
    const whole = Date.parse(record.finishedAt!) - Date.parse(record.startedAt);
    figures.push(`upgrade steps: ${stepTimes.map(seconds).join(", ")} (median ${seconds(median)})`);
    figures.push(
      `whole upgrade ${PREVIOUS_RELEASE.temporal} → ${CURRENT_RELEASE.temporal}: ${seconds(whole)} ` +
        `(backup, steps and validations; ${seconds(wallMs)} with the checks before it)`,
    );
  }, 600_000);

  it(`deploys ${CURRENT_RELEASE.temporal} from scratch, for comparison`, async () => {
    const { postgres } = PREVIOUS_RELEASE;
    const fresh = await deployStack({ ...CURRENT_RELEASE, postgres });
    const what = `cold deploy of ${CURRENT_RELEASE.temporal} (postgres ${postgres}, images already local)`;
    figures.push(`${what}: ${seconds(fresh.deployMs)}`);
    expect(await runningServerImage(fresh.config)).toBe(CURRENT_RELEASE_IMAGES.temporal);
  }, 300_000);
});
