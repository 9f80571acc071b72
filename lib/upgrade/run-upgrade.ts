/**
 * Runs an upgrade plan on the running stack: under the project's lock, a healthy stack is
 * backed up, then each step writes its version into the config, deploys it (on 1.30+ the
 * schema job runs first and the server and UI are recreated on the same volumes; auto-setup
 * migrates the schema itself when it starts), and must pass a real validation before the next
 * one. The first failure stops it, with the stack put back on the last good step.
 */
import { randomUUID } from "node:crypto";
import type { ConfigEdits } from "../config/config-edits";
import { reusesExistingPostgres, type MyceliumConfig } from "../config/schema";
import type { DeployEvent } from "../deploy/deploy-events";
import type { DeployOutcome } from "../deploy/deploy-session";
import type { ServiceStatus } from "../deploy/stack-status";
import { MyceliumError, toMyceliumError } from "../errors";
import type { OverallStatus } from "../validation/validation-report";
import { deployedTemporalVersion, planUpgrade, type UpgradePlan, type UpgradeStep } from "./plan-upgrade";
import type { UpgradeRecord, UpgradeStepRecord } from "./upgrade-history";

type ErrorSummary = { code: string; message: string; hint?: string };

/**
 * Progress of an upgrade, for the CLI and a later event stream: the deploy's own events, each
 * tagged with its step, between the upgrade's phases and steps.
 */
export type UpgradeEvent =
  | { type: "upgrade-phase"; phase: "checks" | "backup" | "recover"; message: string }
  | {
      type: "upgrade-step";
      step: number;
      of: number;
      version: string;
      stage: "starting" | "validating";
      message: string;
    }
  | { type: "step-succeeded"; step: number; version: string; durationMs: number }
  | (Exclude<DeployEvent, { type: "failed" | "succeeded" }> & { step: number })
  | {
      type: "failed";
      error: ErrorSummary;
      step: number | null;
      service: string | null;
      logTail: string[];
      restoreCommand: string | null;
    }
  | { type: "succeeded"; message: string; durationMs: number };

/** What the upgrade needs to know of a validation run. */
export interface HealthVerdict {
  status: OverallStatus;
  /** The failing or warning checks' messages, root cause first. */
  problems: string[];
  /** Containers still coming up: the verdict may change within seconds. */
  settling: string[];
}

/** The I/O an upgrade does, injectable so its control flow is tested without an engine. */
export interface UpgradeDependencies {
  acquireLock(config: MyceliumConfig): Promise<() => Promise<void>>;
  readServices(config: MyceliumConfig): Promise<ServiceStatus[]>;
  validate(config: MyceliumConfig): Promise<HealthVerdict>;
  /** A backup of both databases under the held lock; returns its id. */
  backup(config: MyceliumConfig): Promise<string>;
  /** Writes the edits into the config file (atomic, conflict-safe) and returns the config it now holds. */
  editConfig(edits: ConfigEdits): Promise<MyceliumConfig>;
  deploy(config: MyceliumConfig, emit: (event: DeployEvent) => void): Promise<DeployOutcome>;
  /** The last lines of a service's container, redacted; [] when it has none. */
  serviceLogs(config: MyceliumConfig, service: string): Promise<string[]>;
  saveRecord(record: UpgradeRecord): Promise<void>;
  now(): Date;
  sleep(ms: number): Promise<void>;
}

export interface UpgradeRequest {
  config: MyceliumConfig;
  to: string;
  /** The user has confirmed that the schema of a reused PostgreSQL may change (and backed it up). */
  reusedPostgresConfirmed?: boolean;
  emit?: (event: UpgradeEvent) => void;
}

/** How long a validation that is not healthy yet is retried while containers settle. */
const SETTLE_POLL_MS = 5000;

/** The command that takes the data back to before the upgrade. */
export function restoreCommand(project: string, backupId: string): string {
  return `mycelium backup restore ${backupId} --confirm ${project}`;
}

/** A step's deploy progress, passed on as the step's; its own outcome is the step's to report. */
function stepEvents(emit: (event: UpgradeEvent) => void, step: number) {
  return (event: DeployEvent) => {
    if (event.type !== "failed" && event.type !== "succeeded") emit({ ...event, step });
  };
}

export function summarize(error: unknown): ErrorSummary {
  const failure = toMyceliumError(error);
  return { code: failure.code, message: failure.message, ...(failure.hint ? { hint: failure.hint } : {}) };
}

function describeProblems(verdict: HealthVerdict): string {
  return verdict.problems.length ? verdict.problems.join("; ") : `the report is ${verdict.status}`;
}

/** The stack, plan and confirmations checked under the lock, before anything changes. */
async function checkBeforeUpgrade(request: UpgradeRequest, deps: UpgradeDependencies): Promise<UpgradePlan> {
  const { config } = request;
  deployedTemporalVersion(config, await deps.readServices(config));
  const plan = planUpgrade(config, request.to);
  if (reusesExistingPostgres(config) && !request.reusedPostgresConfirmed) {
    throw new MyceliumError(
      "precondition_required:reused_postgres",
      `The upgrade changes the schema of ${plan.steps[0]!.schema.map((c) => c.database).join(" and ")} on the ` +
        "PostgreSQL server this stack reuses, which Mycelium does not run and cannot back up.",
      {
        hint:
          "Back both databases up yourself, then confirm the schema changes " +
          "(`mycelium upgrade --to " +
          plan.to +
          " --reused-postgres-confirmed`).",
      },
    );
  }
  // A stack still settling (a deploy just ended) is waited for; one with a real problem is refused.
  const verdict = await validateSettled(config, deps);
  if (verdict.status !== "healthy") {
    throw new MyceliumError(
      "conflict:stack_unhealthy",
      `The stack is not healthy, so it is not upgraded (${verdict.status}): ${describeProblems(verdict)}.`,
      { hint: "Run `mycelium validate` for the health report and `mycelium fix` for its fixes, then upgrade again." },
    );
  }
  return plan;
}

/** Validate the stack; a report that is not healthy while containers settle is asked again. */
async function validateSettled(config: MyceliumConfig, deps: UpgradeDependencies): Promise<HealthVerdict> {
  const deadline = deps.now().getTime() + config.deployment.healthcheck_timeout * 1000;
  let verdict = await deps.validate(config);
  while (verdict.status !== "healthy" && verdict.settling.length > 0 && deps.now().getTime() < deadline) {
    await deps.sleep(SETTLE_POLL_MS);
    verdict = await deps.validate(config);
  }
  return verdict;
}

/** A step that stopped the upgrade: what happened, in words, and what the failing container last said. */
class StepFailure extends Error {
  constructor(
    readonly error: ErrorSummary,
    readonly service: string | null,
    readonly logTail: string[],
    readonly validation: UpgradeStepRecord["validation"],
  ) {
    super(error.message);
  }
}

async function runStep(
  step: UpgradeStep,
  plan: UpgradePlan,
  deps: UpgradeDependencies,
  emit: (event: UpgradeEvent) => void,
): Promise<HealthVerdict> {
  const of = plan.steps.length;
  const shapeNote = step.shapeChange ? " (from auto-setup to temporalio/server with admin-tools jobs)" : "";
  emit({
    type: "upgrade-step",
    step: step.number,
    of,
    version: step.version,
    stage: "starting",
    message: `Step ${step.number} of ${of}: Temporal ${step.version}${shapeNote}`,
  });
  let config: MyceliumConfig;
  try {
    config = await deps.editConfig(step.configEdits);
  } catch (error) {
    throw new StepFailure(summarize(error), null, [], null);
  }
  const outcome = await deps.deploy(config, stepEvents(emit, step.number));
  if (outcome.type === "failed") throw new StepFailure(outcome.error, outcome.service, outcome.logTail, null);

  emit({
    type: "upgrade-step",
    step: step.number,
    of,
    version: step.version,
    stage: "validating",
    message: "Validating the stack end to end",
  });
  const verdict = await validateSettled(config, deps);
  const validation = { status: verdict.status, rootCause: verdict.problems[0] ?? null };
  if (verdict.status !== "healthy") {
    const error = {
      code: "unavailable:upgrade_validation",
      message:
        `Temporal ${step.version} was deployed, but the stack is not healthy (${verdict.status}): ` +
        `${describeProblems(verdict)}.`,
      hint: "The health report (`mycelium validate`) says more.",
    };
    throw new StepFailure(error, "temporal", await deps.serviceLogs(config, "temporal").catch(() => []), validation);
  }
  return verdict;
}

/**
 * Put the config back on the last good version and deploy it: a no-op when the failed step
 * changed no container, else the server (and UI) on the last good version again. Returns why
 * that failed too, or null.
 */
async function recover(
  edits: ConfigEdits,
  version: string,
  deps: UpgradeDependencies,
  emit: (event: UpgradeEvent) => void,
  step: number,
): Promise<string | null> {
  emit({ type: "upgrade-phase", phase: "recover", message: `Putting the stack back on Temporal ${version}` });
  try {
    const config = await deps.editConfig(edits);
    const outcome = await deps.deploy(config, stepEvents(emit, step));
    return outcome.type === "failed" ? outcome.error.message : null;
  } catch (error) {
    return summarize(error).message;
  }
}

/**
 * Upgrade the stack `request.config` describes to `request.to`. Refused with a typed error,
 * nothing changed, while the project's lock is held, when the stack does not run what the config
 * names, for a target planUpgrade refuses, a reused PostgreSQL not confirmed, or a stack that is
 * not healthy. Otherwise returns the upgrade as recorded in the history: succeeded, or failed at
 * its first failing step with the stack back on the last good one.
 */
export async function runUpgrade(request: UpgradeRequest, deps: UpgradeDependencies): Promise<UpgradeRecord> {
  const emit = request.emit ?? (() => undefined);
  const { config } = request;
  emit({ type: "upgrade-phase", phase: "checks", message: "Checking the stack, the target and its health" });
  const release = await deps.acquireLock(config);
  try {
    const plan = await checkBeforeUpgrade(request, deps);
    const started = deps.now();
    let backupId: string | null = null;
    if (plan.backup.taken) {
      emit({ type: "upgrade-phase", phase: "backup", message: "Backing up both databases first" });
      backupId = await deps.backup(config);
    }
    const record: UpgradeRecord = {
      id: randomUUID(),
      project: plan.project,
      from: plan.from,
      to: plan.to,
      pid: process.pid,
      startedAt: started.toISOString(),
      finishedAt: null,
      state: "running",
      backupId,
      runningVersion: plan.from,
      steps: [],
      error: null,
      restoreCommand: backupId ? restoreCommand(plan.project, backupId) : null,
    };
    await deps.saveRecord(record);
    return await runSteps(plan, record, deps, emit);
  } finally {
    await release();
  }
}

async function runSteps(
  plan: UpgradePlan,
  record: UpgradeRecord,
  deps: UpgradeDependencies,
  emit: (event: UpgradeEvent) => void,
): Promise<UpgradeRecord> {
  let lastGoodEdits = plan.startEdits;
  for (const step of plan.steps) {
    const started = deps.now();
    const entry = { number: step.number, version: step.version, shape: step.shape, startedAt: started.toISOString() };
    try {
      const verdict = await runStep(step, plan, deps, emit);
      const finished = deps.now();
      const validation = { status: verdict.status, rootCause: null };
      const finishedAt = finished.toISOString();
      record.steps.push({ ...entry, finishedAt, state: "succeeded", validation, error: null, logTail: [] });
      record.runningVersion = step.version;
      lastGoodEdits = step.configEdits;
      await deps.saveRecord(record);
      const durationMs = finished.getTime() - started.getTime();
      emit({ type: "step-succeeded", step: step.number, version: step.version, durationMs });
    } catch (error) {
      const failure = error instanceof StepFailure ? error : new StepFailure(summarize(error), null, [], null);
      const recoveryProblem = await recover(lastGoodEdits, record.runningVersion, deps, emit, step.number);
      const { validation, logTail } = failure;
      const finishedAt = deps.now().toISOString();
      record.steps.push({ ...entry, finishedAt, state: "failed", validation, error: failure.error, logTail });
      return finishFailed(plan, record, step, failure, recoveryProblem, deps, emit);
    }
  }
  record.state = "succeeded";
  record.finishedAt = deps.now().toISOString();
  await deps.saveRecord(record);
  const steps = `${plan.steps.length} step${plan.steps.length === 1 ? "" : "s"}`;
  const backup = record.backupId ? `; backup ${record.backupId} holds the data as it was on ${plan.from}` : "";
  const durationMs = Date.parse(record.finishedAt) - Date.parse(record.startedAt);
  emit({ type: "succeeded", message: `Temporal ${plan.to} runs and is healthy after ${steps}${backup}.`, durationMs });
  return record;
}

/** Record and tell the failure: what failed, where the stack was left, and the way back to the backup. */
async function finishFailed(
  plan: UpgradePlan,
  record: UpgradeRecord,
  step: UpgradeStep,
  failure: StepFailure,
  recoveryProblem: string | null,
  deps: UpgradeDependencies,
  emit: (event: UpgradeEvent) => void,
): Promise<UpgradeRecord> {
  const left = recoveryProblem
    ? `Putting the stack back on Temporal ${record.runningVersion} failed too: ${recoveryProblem}`
    : `The stack runs Temporal ${record.runningVersion} again, the last good step.`;
  const back = record.restoreCommand
    ? `To go back to the data as it was before the upgrade (Temporal ${plan.from}): ${record.restoreCommand}.`
    : "Mycelium took no backup of this PostgreSQL: restore your own to go back.";
  record.state = "failed";
  record.finishedAt = deps.now().toISOString();
  record.error = {
    code: failure.error.code,
    message: `Step ${step.number} (Temporal ${step.version}) failed: ${failure.error.message}`,
    hint: [left, failure.error.hint, back].filter(Boolean).join(" "),
  };
  await deps.saveRecord(record);
  emit({
    type: "failed",
    error: record.error,
    step: step.number,
    service: failure.service,
    logTail: failure.logTail,
    restoreCommand: record.restoreCommand,
  });
  return record;
}
