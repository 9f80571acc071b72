import { rootDiagnosis } from "../diagnose/root-diagnosis";
import { toMyceliumError } from "../errors";
import type { ValidationRun } from "../validation/run-validation";
import type { StampedDeployEvent } from "./deploy-events";
import type { ChangingFixRequest, FixRequest } from "./fix-actions";
import { formatDeployEvent } from "./format-deploy";

/**
 * What a fix does, in order: apply it, follow the deploy it starts, run the report again (again
 * while the stack is still settling, a bounded number of times), and tell how it went. Its I/O
 * is injected (FixSteps): fix-session.ts runs it for real, the unit tests with fakes.
 */

export type FixTone = "success" | "warning" | "error";

export interface FixOutcome {
  tone: FixTone;
  message: string;
  hint?: string;
  /** The report from after the fix; null when it could not run. */
  result: ValidationRun | null;
}

export type FixEvent =
  | { type: "applying" }
  | { type: "deploying"; message: string; step: string | null }
  | { type: "waiting"; message: string; ms: number }
  | { type: "checking"; attempt: number }
  | { type: "checked"; result: ValidationRun }
  | ({ type: "done" } & FixOutcome);

export type StampedFixEvent = FixEvent & { at: number };

/** A deploy as a fix follows it: its events, history first. */
export interface FollowedDeploy {
  subscribe(listener: (event: StampedDeployEvent) => void): () => void;
}

/** The fix's I/O, injected so that the flow itself is tested without Docker. */
export interface FixSteps {
  apply(fix: ChangingFixRequest): Promise<{ message: string; deploy: FollowedDeploy | null }>;
  validate(): Promise<ValidationRun>;
  sleep(ms: number): Promise<void>;
}

/** "Wait and re-check" waits this long before each check. */
export const WAIT_AND_RECHECK_MS = 15_000;
/** After a container restart: long enough for PostgreSQL to accept connections again. */
export const AFTER_RESTART_MS = 5_000;
/** Between checks while something is still starting. */
export const RECHECK_MS = 5_000;
/**
 * Checks after a fix (after "wait and re-check": MAX_WAIT_CHECKS) before it stops waiting for "still starting" to end.
 */
export const MAX_CHECKS = 6;
export const MAX_WAIT_CHECKS = 4;
/** A deploy is followed at most this long (its own health wait is shorter). */
const DEPLOY_FOLLOW_LIMIT_MS = 10 * 60_000;

const STARTING = /\bstill starting\b|\bhealth: starting\b|NOT_SERVING|not ready yet/i;

/**
 * A report that may turn green by itself in a few seconds: the report says the stack is still
 * settling, a check says something is starting, or the root cause's only fix is to wait.
 */
export function isStillSettling({ report, diagnoses }: ValidationRun): boolean {
  if (report.status === "healthy") return false;
  if (report.settling.length > 0) return true;
  if (report.checks.some((c) => (c.status === "fail" || c.status === "warn") && STARTING.test(c.message))) return true;
  return rootDiagnosis(diagnoses)?.fix?.kind === "wait-and-recheck";
}

type DeployEnd = { ok: true } | { ok: false; message: string; hint?: string };

/** Follow a deploy until it succeeds or fails (or the follow limit), telling each step. */
function followDeploy(deploy: FollowedDeploy, onStep: (step: string) => void): Promise<DeployEnd> {
  return new Promise((resolve) => {
    let unsubscribe: (() => void) | null = null;
    let ended = false;
    const end = (outcome: DeployEnd) => {
      if (ended) return;
      ended = true;
      clearTimeout(limit);
      unsubscribe?.();
      resolve(outcome);
    };
    const limit = setTimeout(
      () =>
        end({
          ok: false,
          message: "The deploy did not finish within 10 minutes.",
          hint: "Run `mycelium deploy status` to see where it is.",
        }),
      DEPLOY_FOLLOW_LIMIT_MS,
    );
    unsubscribe = deploy.subscribe((event) => {
      const step = formatDeployEvent(event);
      if (step && event.type !== "failed") onStep(step);
      if (event.type === "succeeded") end({ ok: true });
      if (event.type === "failed") end({ ok: false, message: event.error.message, hint: event.error.hint });
    });
    // The deploy may have ended before we subscribed: its history already told us.
    if (ended) unsubscribe();
  });
}

/** Run one fix and its re-checks, telling each step to `emit`; returns the outcome (also emitted as "done"). */
export async function runFixFlow(
  fix: FixRequest,
  steps: FixSteps,
  emit: (event: FixEvent) => void,
): Promise<FixOutcome> {
  const wait = async (ms: number, message: string) => {
    emit({ type: "waiting", message, ms });
    await steps.sleep(ms);
  };
  const finish = (outcome: FixOutcome) => {
    emit({ type: "done", ...outcome });
    return outcome;
  };

  emit({ type: "applying" });
  let deployFailure: { message: string; hint?: string } | null = null;
  if (fix.kind === "wait-and-recheck") {
    await wait(WAIT_AND_RECHECK_MS, "Waiting for it to finish starting, then checking again.");
  } else {
    let applied: Awaited<ReturnType<FixSteps["apply"]>>;
    try {
      applied = await steps.apply(fix);
    } catch (error) {
      const failure = toMyceliumError(error);
      return finish({ tone: "error", message: failure.message, hint: failure.hint, result: null });
    }
    if (applied.deploy) {
      emit({ type: "deploying", message: applied.message, step: null });
      const end = await followDeploy(applied.deploy, (step) =>
        emit({ type: "deploying", message: applied.message, step }),
      );
      if (!end.ok) deployFailure = end;
    } else {
      await wait(AFTER_RESTART_MS, `${applied.message} Checking again once it is back.`);
    }
  }

  const waiting = fix.kind === "wait-and-recheck";
  const maxChecks = waiting ? MAX_WAIT_CHECKS : MAX_CHECKS;
  let result: ValidationRun;
  for (let attempt = 1; ; attempt++) {
    emit({ type: "checking", attempt });
    try {
      result = await steps.validate();
    } catch (error) {
      const failure = toMyceliumError(error);
      return finish({
        tone: "error",
        message: "The fix ran, but the report could not run again.",
        hint: failure.message,
        result: null,
      });
    }
    emit({ type: "checked", result });
    if (!isStillSettling(result) || attempt >= maxChecks) break;
    await wait(waiting ? WAIT_AND_RECHECK_MS : RECHECK_MS, "Still starting: checking again in a moment.");
  }

  if (deployFailure)
    return finish({
      tone: "error",
      message: `The redeploy failed: ${deployFailure.message}`,
      hint: deployFailure.hint,
      result,
    });
  if (result.report.status === "healthy")
    return finish({ tone: "success", message: "Fixed: every check passes again.", result });
  return finish({
    tone: "warning",
    message: "The fix ran, but the report still finds problems.",
    hint: "The report is from after the fix.",
    result,
  });
}
