import type { StampedFixEvent } from "@/lib/deploy/fix-flow";
import { fixRequestBody } from "@/lib/diagnose/fix-offers";
import { ApiError, apiFetch } from "@/lib/http/api-client";
import { openEventStream } from "@/components/hooks/use-event-stream";
import { FIX_EVENTS_URL, FIXES_URL, type Fix, type ValidateResponse } from "./health-model";
import type { FixPhase } from "./use-fix-flow";

/**
 * Follows a fix the server runs (lib/deploy/fix-session.ts: apply, follow the deploy, re-check
 * while the stack settles) and shows each step. Loaded on the first click of a fix: a healthy
 * report never needs it, so it stays out of the page's first-load JavaScript.
 */

export interface FixFollowContext {
  signal: AbortSignal;
  /** Show the next phase (ignored once the page stops following). */
  set: (next: FixPhase) => void;
  /** Show a report the fix ran. */
  show: (result: ValidateResponse) => void;
}

/** The page's phase for a step of the fix; null for a step that only carries a report. */
function phaseOf(fix: Fix, event: StampedFixEvent): FixPhase | null {
  switch (event.type) {
    case "applying":
      return { kind: "applying", fix };
    case "deploying":
      return { kind: "deploying", fix, message: event.message, step: event.step };
    case "waiting":
      return { kind: "waiting", fix, until: event.at + event.ms, ms: event.ms, message: event.message };
    case "checking":
      return { kind: "checking", fix, attempt: event.attempt };
    case "checked":
      return null;
    case "done":
      return { kind: "done", fix, tone: event.tone, message: event.message, hint: event.hint };
  }
}

/** Start the fix on the server, then follow its events (history first) until it is done. */
export async function followFix(fix: Fix, { signal, set, show }: FixFollowContext): Promise<void> {
  try {
    await apiFetch(FIXES_URL, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(fixRequestBody(fix)),
      signal,
    });
  } catch (error) {
    if (signal.aborted) return;
    const body = error instanceof ApiError ? error.body : { message: "The fix could not be applied.", hint: undefined };
    set({ kind: "done", fix, tone: "error", message: body.message, hint: body.hint });
    return;
  }
  const stop = openEventStream<{ fix: StampedFixEvent }>(
    FIX_EVENTS_URL,
    {
      fix: (event, stream) => {
        if (event.type === "checked") show(event.result);
        const phase = phaseOf(fix, event);
        if (phase) set(phase);
        // Closed at once: an EventSource would otherwise reconnect and replay the fix again.
        if (event.type === "done") stream.close();
      },
    },
    {
      // A dropped stream is retried by the browser and the server replays the history; a refused one is lost.
      onConnection: (connection) => {
        if (connection === "refused")
          set({
            kind: "done",
            fix,
            tone: "error",
            message: "Lost the fix's progress stream.",
            hint: "Run the report again to see where the stack is.",
          });
      },
    },
  );
  signal.addEventListener("abort", stop, { once: true });
}
