import type { OutcomeSession } from "../deploy/replayed-events";
import { sseResponse } from "./sse";

interface Snapshotting {
  snapshot(): { events: readonly object[] };
}
type Snapshot<S extends Snapshotting> = ReturnType<S["snapshot"]>;

/** A session without its event list (status responses, the stream's `session` event). */
export type SessionSummary<S extends Snapshotting> = Omit<Snapshot<S>, "events"> & {
  eventCount: number;
  lastEvent: Snapshot<S>["events"][number] | null;
};

export function sessionSummary<S extends Snapshotting>(session: S): SessionSummary<S>;
export function sessionSummary<S extends Snapshotting>(session: S | null): SessionSummary<S> | null;
export function sessionSummary<S extends Snapshotting>(session: S | null): SessionSummary<S> | null {
  if (!session) return null;
  const { events, ...rest } = session.snapshot() as Snapshot<S>;
  return { ...rest, eventCount: events.length, lastEvent: events.at(-1) ?? null };
}

/**
 * Stream a session as SSE: `session` (its summary, or null when there is none), then each of
 * its events as `eventName`, history first, until it succeeds or fails or the client leaves.
 */
export function streamSession<E extends { type: string }>(
  request: Request,
  session: OutcomeSession<E> | null,
  eventName: string,
): Response {
  return sseResponse(request, (channel) => {
    channel.send("session", sessionSummary(session));
    const unsubscribe = session?.subscribe((event) => {
      channel.send(eventName, event);
      if (event.type === "failed" || event.type === "succeeded") channel.close();
    });
    // A session that is over has sent all it will (its history); none has nothing to send.
    if (session?.state !== "running") channel.close();
    return { close: () => unsubscribe?.() };
  });
}
