import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { acquireMaintenanceLock } from "../backup/maintenance-lock";
import { withConfigEdits, type ConfigEdits } from "../config/config-edits";
import { defaultConfig, type MyceliumConfig } from "../config/schema";
import { acquireDeployLock } from "../deploy/deploy-lock";
import type { DeployEvent } from "../deploy/deploy-events";
import type { DeployOutcome } from "../deploy/deploy-session";
import type { ServiceStatus } from "../deploy/stack-status";
import { resolveStackDecisions } from "../stack/stack-settings";
import { runUpgrade, type HealthVerdict, type UpgradeDependencies, type UpgradeEvent } from "./run-upgrade";
import type { UpgradeRecord } from "./upgrade-history";

const BACKUP_ID = "20261207-101500-000";
const HEALTHY: HealthVerdict = { status: "healthy", problems: [], settling: [] };

function configAt(version: string, edits: ConfigEdits = {}): MyceliumConfig {
  return withConfigEdits(defaultConfig(), { "services.temporal.version": version, ...edits });
}

/** An engine, config file, backup and validator in memory: what the runner did is read back from it. */
class FakeStack implements UpgradeDependencies {
  config: MyceliumConfig;
  running: MyceliumConfig;
  deployed: string[] = [];
  backups = 0;
  lockHeld = false;
  records: UpgradeRecord[] = [];
  clock = Date.parse("2026-12-07T10:15:00Z");
  failDeployAt: string | null = null;
  verdicts: HealthVerdict[] = [];

  constructor(version: string, edits: ConfigEdits = {}) {
    this.config = configAt(version, edits);
    this.running = this.config;
  }

  acquireLock = async () => {
    this.lockHeld = true;
    return async () => {
      this.lockHeld = false;
    };
  };
  readServices = async () => {
    const image = resolveStackDecisions(this.running).images.temporal;
    return [{ service: "temporal", image } as ServiceStatus];
  };
  validate = async () => this.verdicts.shift() ?? HEALTHY;
  backup = async () => {
    this.backups++;
    return BACKUP_ID;
  };
  editConfig = async (edits: ConfigEdits) => (this.config = withConfigEdits(this.config, edits));
  deploy = async (config: MyceliumConfig, emit: (event: DeployEvent) => void): Promise<DeployOutcome> => {
    const version = config.services.temporal.version;
    this.deployed.push(version);
    const image = `temporalio/server:${version}`;
    emit({ type: "pull", image, layer: "a1", status: "Downloading", current: 1, total: 2 });
    if (version === this.failDeployAt) {
      const error = { code: "unavailable:container_unhealthy", message: "The server failed: it exited." };
      return { type: "failed", error, service: "temporal", logTail: ["sql schema version compatibility check failed"] };
    }
    this.running = config;
    return { type: "succeeded", message: "ok", durationMs: 1 };
  };
  serviceLogs = async () => ["frontend: not serving"];
  saveRecord = async (record: UpgradeRecord) => {
    this.records.push(structuredClone(record));
  };
  now = () => new Date((this.clock += 1000));
  sleep = async (ms: number) => {
    this.clock += ms;
  };
}

async function upgrade(stack: FakeStack, to: string, extra: { reusedPostgresConfirmed?: boolean } = {}) {
  const events: UpgradeEvent[] = [];
  const record = await runUpgrade({ config: stack.config, to, emit: (event) => events.push(event), ...extra }, stack);
  return { record, events };
}

describe("runUpgrade", () => {
  it("backs up first, then deploys and validates each step in order, and records each one", async () => {
    const stack = new FakeStack("1.29.7");
    const { record, events } = await upgrade(stack, "1.31.5");
    expect(stack.backups).toBe(1);
    expect(stack.deployed).toEqual(["1.30.9", "1.31.5"]);
    expect(stack.config.services.temporal.version).toBe("1.31.5");
    expect(record).toMatchObject({ state: "succeeded", from: "1.29.7", to: "1.31.5", runningVersion: "1.31.5" });
    expect(record.backupId).toBe(BACKUP_ID);
    expect(record.restoreCommand).toBe(`mycelium backup restore ${BACKUP_ID} --confirm temporal-deployment`);
    expect(record.steps.map((step) => [step.version, step.shape, step.state])).toEqual([
      ["1.30.9", "server-and-admin-tools", "succeeded"],
      ["1.31.5", "server-and-admin-tools", "succeeded"],
    ]);
    // Saved when it starts and after every step, so a reload or `--status` sees the progress.
    expect(stack.records.map((saved) => [saved.state, saved.steps.length])).toEqual([
      ["running", 0],
      ["running", 1],
      ["running", 2],
      ["succeeded", 2],
    ]);
    expect(events.find((event) => event.type === "upgrade-step")).toMatchObject({
      step: 1,
      of: 2,
      message: "Step 1 of 2: Temporal 1.30.9 (from auto-setup to temporalio/server with admin-tools jobs)",
    });
    const pull = { type: "pull", step: 2, image: "temporalio/server:1.31.5", layer: "a1" };
    expect(events).toContainEqual(expect.objectContaining(pull));
    const success = /^Temporal 1\.31\.5 runs and is healthy after 2 steps/;
    expect(events.at(-1)).toMatchObject({ type: "succeeded", message: expect.stringMatching(success) });
    expect(stack.lockHeld).toBe(false);
  });

  it("stops at the first failing step, puts the stack back on the last good one and says how to restore", async () => {
    const stack = new FakeStack("1.22.0");
    stack.failDeployAt = "1.24.3";
    const { record, events } = await upgrade(stack, "1.25.2");
    expect(stack.deployed).toEqual(["1.23.1", "1.24.3", "1.23.1"]);
    expect(stack.config.services.temporal.version).toBe("1.23.1");
    expect(record).toMatchObject({ state: "failed", runningVersion: "1.23.1" });
    expect(record.steps.map((step) => [step.version, step.state])).toEqual([
      ["1.23.1", "succeeded"],
      ["1.24.3", "failed"],
    ]);
    expect(record.steps[1]?.logTail).toEqual(["sql schema version compatibility check failed"]);
    expect(record.error?.message).toBe("Step 2 (Temporal 1.24.3) failed: The server failed: it exited.");
    expect(record.error?.hint).toBe(
      "The stack runs Temporal 1.23.1 again, the last good step. To go back to the data as it was before the upgrade " +
        `(Temporal 1.22.0): mycelium backup restore ${BACKUP_ID} --confirm temporal-deployment.`,
    );
    expect(events.at(-1)).toMatchObject({
      type: "failed",
      step: 2,
      service: "temporal",
      logTail: ["sql schema version compatibility check failed"],
      restoreCommand: `mycelium backup restore ${BACKUP_ID} --confirm temporal-deployment`,
    });
    expect(stack.records.at(-1)).toEqual(record);
    expect(stack.lockHeld).toBe(false);
  });

  it("puts the first step back on the version the upgrade started from, UI pin included", async () => {
    const stack = new FakeStack("1.22.0", { "services.temporal.ui_version": "2.19.0" });
    stack.failDeployAt = "1.23.1";
    const { record } = await upgrade(stack, "1.23.1");
    expect(stack.deployed).toEqual(["1.23.1", "1.22.0"]);
    expect(stack.config.services.temporal).toMatchObject({ version: "1.22.0", ui_version: "2.19.0" });
    expect(record.runningVersion).toBe("1.22.0");
  });

  it("fails a step whose stack does not validate, with the server's last log lines", async () => {
    const stack = new FakeStack("1.30.9");
    const problems = ["Namespace default is not registered"];
    stack.verdicts = [HEALTHY, { status: "unhealthy", problems, settling: [] }];
    const { record } = await upgrade(stack, "1.31.5");
    expect(record.steps[0]).toMatchObject({
      state: "failed",
      validation: { status: "unhealthy", rootCause: "Namespace default is not registered" },
      logTail: ["frontend: not serving"],
    });
    expect(record.error?.message).toMatch(/1\.31\.5 was deployed, but the stack is not healthy \(unhealthy\): Nam/);
    expect(stack.deployed).toEqual(["1.31.5", "1.30.9"]);
  });

  it("asks a settling stack again before judging the step", async () => {
    const stack = new FakeStack("1.30.9");
    const settling = ["temporal-ui started 2 s ago"];
    stack.verdicts = [HEALTHY, { status: "degraded", problems: ["UI not reachable"], settling }];
    const { record } = await upgrade(stack, "1.31.5");
    expect(record.state).toBe("succeeded");
  });

  it("waits for a stack still settling from its deploy before checking it is healthy", async () => {
    const stack = new FakeStack("1.30.9");
    stack.verdicts = [
      { status: "degraded", problems: ["UI not reachable"], settling: ["temporal-ui starting"] },
      HEALTHY,
    ];
    const { record } = await upgrade(stack, "1.31.5");
    expect(record.state).toBe("succeeded");
    expect(stack.deployed).toEqual(["1.31.5"]);
  });

  it("tells when putting the stack back failed too", async () => {
    const stack = new FakeStack("1.30.9");
    stack.deploy = async (config) => {
      stack.deployed.push(config.services.temporal.version);
      const error = { code: "unavailable:docker", message: "The Docker engine stopped answering." };
      return { type: "failed", error, service: null, logTail: [] };
    };
    const { record } = await upgrade(stack, "1.31.5");
    expect(record.error?.hint).toMatch(/^Putting the stack back on Temporal 1\.30\.9 failed too: The Docker engine/);
  });
});

describe("runUpgrade refuses, with nothing changed", () => {
  async function expectRefused(stack: FakeStack, to: string, code: string, message: RegExp, extra = {}) {
    const config = stack.config;
    const refusal = { code, message: expect.stringMatching(message) };
    await expect(runUpgrade({ config, to, ...extra }, stack)).rejects.toMatchObject(refusal);
    expect(stack.backups).toBe(0);
    expect(stack.deployed).toEqual([]);
    expect(stack.records).toEqual([]);
    expect(stack.config).toBe(config);
    expect(stack.lockHeld).toBe(false);
  }

  it("a target older than the running version", async () => {
    await expectRefused(new FakeStack("1.30.9"), "1.29.7", "bad_request:target_older", /older than 1\.30\.9/);
  });

  it("an unknown or a retracted target", async () => {
    await expectRefused(new FakeStack("1.22.0"), "1.30.2", "bad_request:target_unknown", /not a 1\.30\.x release/);
    await expectRefused(new FakeStack("1.22.0"), "1.26.1", "bad_request:target_retracted", /"Contains retractions/);
  });

  it("a stack that is not healthy, saying why", async () => {
    const stack = new FakeStack("1.22.0");
    const problems = ["Temporal 1.22.0 answers slowly", "UI not reachable"];
    stack.verdicts = [{ status: "degraded", problems, settling: [] }];
    const why = /not healthy.*\(degraded\): Temporal 1\.22\.0 answers slowly; UI not reachable/;
    await expectRefused(stack, "1.23.1", "conflict:stack_unhealthy", why);
  });

  it("a config that names another version than the one running", async () => {
    const stack = new FakeStack("1.22.0");
    stack.config = configAt("1.23.1");
    await expectRefused(stack, "1.24.3", "conflict:config_not_deployed", /runs temporalio\/auto-setup:1\.22\.0/);
  });

  it("a reused PostgreSQL the user has not confirmed for schema changes", async () => {
    const stack = new FakeStack("1.30.9", { "services.postgres.reuse_existing": true });
    const why = /schema of temporal and temporal_visibility/;
    await expectRefused(stack, "1.31.5", "precondition_required:reused_postgres", why);
  });

  it("while a deploy holds the project's lock (409, naming it)", async () => {
    const directory = await mkdtemp(path.join(os.tmpdir(), "mycelium-upgrade-lock-"));
    const releaseDeploy = await acquireDeployLock(directory, "deploy");
    try {
      const stack = new FakeStack("1.22.0");
      stack.acquireLock = () => acquireMaintenanceLock(directory, "upgrade");
      const refusal = runUpgrade({ config: stack.config, to: "1.23.1" }, stack);
      await expect(refusal).rejects.toMatchObject({
        code: "conflict:maintenance_running",
        status: 409,
        message: "Cannot start an upgrade now: a deploy of this project is already running.",
      });
    } finally {
      await releaseDeploy();
      await rm(directory, { recursive: true, force: true });
    }
  });
});

describe("runUpgrade on a reused PostgreSQL, confirmed", () => {
  let stack: FakeStack;
  beforeEach(() => {
    stack = new FakeStack("1.30.9", { "services.postgres.reuse_existing": true });
  });
  afterEach(() => expect(stack.lockHeld).toBe(false));

  it("upgrades without a backup of Mycelium's, and offers no restore command", async () => {
    const { record } = await upgrade(stack, "1.31.5", { reusedPostgresConfirmed: true });
    expect(stack.backups).toBe(0);
    expect(record).toMatchObject({ state: "succeeded", backupId: null, restoreCommand: null });
  });
});
