import type { DeploySummary } from "@/lib/deploy/deploy-api";
import type { StampedDeployEvent } from "@/lib/deploy/deploy-events";
import { ApiError, apiFetch } from "@/lib/http/api-client";
import { DEPLOY_EVENTS_URL, FIXES_URL, looksLikeStarting, type Fix, type FixResponse, type ValidateResponse } from "./health-model";
import type { FixPhase } from "./use-fix-flow";

/**
 * The fix → re-run procedure behind useFixFlow. Loaded on the first click of a fix: a healthy
 * report never needs it, so it stays out of the page's first-load JavaScript.
 */

/** How long the page waits before checking again. */
const WAIT_AND_RECHECK_MS = 15_000;
/** After a container restart: long enough for PostgreSQL to accept connections again. */
const AFTER_RESTART_MS = 5_000;
/** Between checks while something is still starting. */
const RECHECK_MS = 5_000;
/** Checks after a fix before the page stops waiting for "still starting" to end. */
const MAX_CHECKS = 6;
const MAX_WAIT_CHECKS = 4;
/** A deploy is followed at most this long (its own health wait is shorter). */
const DEPLOY_FOLLOW_LIMIT_MS = 10 * 60_000;

class Cancelled extends Error {}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new Cancelled());
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      "abort",
      () => {
        clearTimeout(timer);
        reject(new Cancelled());
      },
      { once: true },
    );
  });
}

/** The request body POST /api/fixes takes for a diagnosis' fix. */
function fixRequest(fix: Fix): Record<string, string> {
  return fix.kind === "restart-container" && fix.service ? { kind: fix.kind, service: fix.service } : { kind: fix.kind };
}

function describeEvent(event: StampedDeployEvent): string | null {
  switch (event.type) {
    case "phase":
    case "warning":
      return event.message;
    case "container":
      return event.message;
    case "health":
      return `${event.service}: ${event.status}`;
    case "pull":
      return `Pulling ${event.image}`;
    case "succeeded":
      return event.message;
    case "failed":
      return event.error.message;
  }
}

type DeployOutcome = { ok: true; message: string } | { ok: false; message: string; hint?: string };

/**
 * Follow the project's latest deploy on /api/deploy/events (history first, then live) until it
 * succeeds or fails; the stream is closed then, as an EventSource would otherwise reconnect.
 */
function followDeploy(signal: AbortSignal, onStep: (step: string) => void): Promise<DeployOutcome> {
  return new Promise((resolve, reject) => {
    const source = new EventSource(DEPLOY_EVENTS_URL);
    const end = (outcome: DeployOutcome | null) => {
      source.close();
      clearTimeout(limit);
      signal.removeEventListener("abort", onAbort);
      if (outcome) resolve(outcome);
      else reject(new Cancelled());
    };
    const onAbort = () => end(null);
    signal.addEventListener("abort", onAbort, { once: true });
    const limit = setTimeout(() => end({ ok: false, message: "The deploy did not finish within 10 minutes.", hint: "Open the deploy page to follow it." }), DEPLOY_FOLLOW_LIMIT_MS);
    source.addEventListener("session", (message) => {
      const summary = JSON.parse((message as MessageEvent<string>).data) as DeploySummary | null;
      if (!summary) end({ ok: true, message: "No deploy to follow." });
    });
    source.addEventListener("deploy", (message) => {
      const event = JSON.parse((message as MessageEvent<string>).data) as StampedDeployEvent;
      const step = describeEvent(event);
      if (step) onStep(step);
      if (event.type === "succeeded") end({ ok: true, message: event.message });
      if (event.type === "failed") end({ ok: false, message: event.error.message, hint: event.error.hint });
    });
    source.addEventListener("error", () => {
      // CONNECTING: the browser retries and the server replays the history; CLOSED: refused.
      if (source.readyState === EventSource.CLOSED) end({ ok: false, message: "Lost the deploy's progress stream.", hint: "Open the deploy page to see how it went." });
    });
  });
}

export interface FixRunContext {
  signal: AbortSignal;
  /** Show the next phase (ignored once the run is cancelled). */
  set: (next: FixPhase) => void;
  /** Run the report again. */
  run: (options?: { fresh?: boolean }) => Promise<ValidateResponse | null>;
}

/**
 * Apply one fix, then run the report again. A fix that deploys is followed on the deploy's
 * event stream until it ends; a restarted container gets a few seconds to come back; "wait and
 * re-check" counts down. Then the report runs again by itself, and again every few seconds
 * while something is still starting (a restarted Temporal, a namespace being registered).
 */
export async function runFix(fix: Fix, { signal, set, run }: FixRunContext): Promise<void> {
  const countdown = async (ms: number, message: string) => {
    set({ kind: "waiting", fix, until: Date.now() + ms, ms, message });
    await sleep(ms, signal);
  };

  try {
    let deployFailure: { message: string; hint?: string } | null = null;
    if (fix.kind === "wait-and-recheck") {
      await countdown(WAIT_AND_RECHECK_MS, "Waiting for it to finish starting, then checking again.");
    } else {
      // useFixFlow shows "applying" from the click on, while this module loads.
      let response: FixResponse;
      try {
        ({ data: response } = await apiFetch<FixResponse>(FIXES_URL, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(fixRequest(fix)),
          signal,
        }));
      } catch (error) {
        if (signal.aborted) throw new Cancelled();
        // A deploy of this project already runs: follow it instead of starting another.
        if (error instanceof ApiError && error.body.code === "conflict:deploy_running" && fix.kind !== "restart-container") {
          response = { message: "A deploy is already running; following it.", deployId: "running" };
        } else {
          const body = error instanceof ApiError ? error.body : { message: "The fix could not be applied.", hint: undefined };
          set({ kind: "done", fix, tone: "error", message: body.message, hint: body.hint });
          return;
        }
      }
      if (response.deployId) {
        set({ kind: "deploying", fix, message: response.message, step: null });
        const outcome = await followDeploy(signal, (step) => set({ kind: "deploying", fix, message: response.message, step }));
        if (!outcome.ok) deployFailure = outcome;
      } else {
        await countdown(AFTER_RESTART_MS, `${response.message} Checking again once it is back.`);
      }
    }

    const maxChecks = fix.kind === "wait-and-recheck" ? MAX_WAIT_CHECKS : MAX_CHECKS;
    const recheckMs = fix.kind === "wait-and-recheck" ? WAIT_AND_RECHECK_MS : RECHECK_MS;
    let result: ValidateResponse | null = null;
    for (let attempt = 1; ; attempt++) {
      set({ kind: "checking", fix, attempt });
      result = await run({ fresh: true });
      if (signal.aborted) throw new Cancelled();
      if (!result || !looksLikeStarting(result) || attempt >= maxChecks) break;
      await countdown(recheckMs, "Still starting: checking again in a moment.");
    }

    if (deployFailure) {
      set({ kind: "done", fix, tone: "error", message: `The redeploy failed: ${deployFailure.message}`, hint: deployFailure.hint });
    } else if (!result) {
      set({ kind: "done", fix, tone: "error", message: "The fix ran, but the report could not run again.", hint: "See the message below." });
    } else if (result.report.status === "healthy") {
      set({ kind: "done", fix, tone: "success", message: "Fixed: every check passes again." });
    } else {
      set({ kind: "done", fix, tone: "warning", message: "The fix ran, but the report still finds problems.", hint: "The report below is from after the fix." });
    }
  } catch (error) {
    if (!(error instanceof Cancelled)) throw error;
  }
}
