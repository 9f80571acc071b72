import { EventEmitter } from "node:events";
import type { MyceliumConfig } from "../config/schema";
import { toMyceliumError } from "../errors";
import type { PlanInput, PortConflict } from "../plan/deployment-plan";
import { redactSecrets } from "../security/redact";
import { applyDeployment, DeployFailure } from "./apply-deployment";
import type { DeployEvent } from "./deploy-events";
import { acquireDeployLock } from "./deploy-lock";
import { deploymentDirectory, passwordsIn } from "./deployment-files";
import { waitForUsableNamespace } from "./namespace-readiness";
import { prepareDeployment } from "./prepare-deployment";
import { OutcomeSession, type SessionState } from "./replayed-events";
import type { EngineTarget } from "../stack/engine-target";

/** One deploy, with every event it emitted so far (replayed to whoever follows it late). */
export class DeploySession extends OutcomeSession<DeployEvent> {
  override finish(state: Exclude<SessionState, "running">): void {
    super.finish(state);
    changes.emit("change", this.project);
  }
}

// Route modules can be loaded more than once by the server; the registry must be one.
const shared = globalThis as { __myceliumDeploys?: Map<string, DeploySession>; __myceliumDeployChanges?: EventEmitter };
const registry: Map<string, DeploySession> = (shared.__myceliumDeploys ??= new Map());
const changes: EventEmitter = (shared.__myceliumDeployChanges ??= new EventEmitter().setMaxListeners(0));

/** Be told (with the project name) when a deploy starts or ends; returns the unsubscribe. */
export function onDeployChange(listener: (project: string) => void): () => void {
  changes.on("change", listener);
  return () => changes.off("change", listener);
}

/** The latest deploy of a project in this process, running or finished. */
export function latestDeploy(project: string): DeploySession | null {
  return registry.get(project) ?? null;
}

function describeConflicts(conflicts: PortConflict[]): string {
  return conflicts
    .map(
      (c) =>
        `port ${c.port} (${c.field}) is taken by ` +
        `${c.listener.description}${c.proposedPort ? `; port ${c.proposedPort} is free` : ""}`,
    )
    .join("; ");
}

/**
 * Start a deploy in the background and return its session at once. Refused (409) while
 * another deploy of the project runs, here or in another process.
 */
export async function startDeploy(
  engine: EngineTarget,
  config: MyceliumConfig,
  recreate?: PlanInput["recreate"],
): Promise<DeploySession> {
  const project = config.project_name;
  const releaseLock = await acquireDeployLock(deploymentDirectory(project));
  const session = new DeploySession(project);
  registry.set(project, session);
  changes.emit("change", project);
  void runDeployLocked(engine, config, (event) => session.emit(event), recreate).then(async (outcome) => {
    // The lock goes before the outcome is told: whoever reacts to it may deploy again at once.
    try {
      await releaseLock();
    } catch (error) {
      console.error("[mycelium] could not release the deploy lock:", error);
    }
    session.emit(outcome);
    session.finish(outcome.type);
  });
  return session;
}

export type DeployOutcome = Extract<DeployEvent, { type: "succeeded" | "failed" }>;

/**
 * Run a deploy, telling its progress, for a caller that holds the project's lock (a deploy
 * session, an upgrade step); returns the outcome for the caller to tell once the lock is released.
 */
export async function runDeployLocked(
  engine: EngineTarget,
  config: MyceliumConfig,
  emit: (event: DeployEvent) => void,
  recreate?: PlanInput["recreate"],
): Promise<DeployOutcome> {
  const startedAt = Date.now();
  let secrets: string[] = [];
  try {
    emit({ type: "phase", phase: "detect", message: "Checking the Docker engine and what listens on the ports" });
    const { plan, deploymentDir } = await prepareDeployment(engine, config, recreate);
    secrets = passwordsIn(plan.secrets);
    emit({ type: "phase", phase: "plan", message: plan.services.map((s) => `${s.service}: ${s.action}`).join(", ") });
    for (const warning of plan.warnings) emit({ type: "warning", message: warning });
    if (plan.portConflicts.length > 0) {
      throw new DeployFailure(
        `Nothing was created: ${describeConflicts(plan.portConflicts)}.`,
        plan.portConflicts[0]!.service,
        [],
        {
          code: "conflict:ports",
          hint:
            "Use the proposed free ports (this updates your config), " +
            "or stop what holds the ports, then deploy again.",
        },
      );
    }
    const [blocker] = plan.blockers;
    if (blocker)
      throw new DeployFailure(`Nothing was created: ${blocker.message}`, "postgres", [], {
        code: "conflict:plan",
        hint: blocker.hint,
      });
    await applyDeployment(engine.docker, plan, {
      deploymentDir,
      autoStart: config.deployment.auto_start,
      healthTimeoutSeconds: config.deployment.healthcheck_timeout,
      emit,
    });
    if (config.deployment.auto_start && config.services.temporal.enabled) {
      await waitForUsableNamespace(
        engine,
        config,
        Date.now() + config.deployment.healthcheck_timeout * 1000,
        emit,
        secrets,
      );
    }
    return {
      type: "succeeded",
      message: !config.deployment.auto_start
        ? "Containers created (auto_start is off)."
        : config.services.temporal.enabled
          ? `Every container is running and healthy, and namespace ` +
            `${config.services.temporal.namespace} is ready for workflows.`
          : "Every container is running and healthy.",
      durationMs: Date.now() - startedAt,
    };
  } catch (error) {
    const failure = toMyceliumError(error);
    if (failure.type === "internal") console.error("[mycelium] deploy failed unexpectedly:", error);
    return {
      type: "failed",
      error: {
        code: failure.code,
        message: redactSecrets(failure.message, secrets),
        ...(failure.hint ? { hint: redactSecrets(failure.hint, secrets) } : {}),
      },
      service: error instanceof DeployFailure ? error.service : null,
      logTail: error instanceof DeployFailure ? error.logTail : [],
    };
  }
}
