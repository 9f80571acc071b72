"use client";

import { useReducer } from "react";
import { useEventStream, type EventStreamConnection } from "./use-event-stream";

export type StreamConnection = "connecting" | "open" | "reconnecting" | "ended" | "lost";

/** What a session's progress must say: its summary (undefined until the stream says) and its outcome. */
export interface SessionProgress<Summary> {
  session: Summary | null | undefined;
  outcome: object | null;
}

export type SessionStream<Progress> = Progress & {
  connection: StreamConnection;
  /** The session's state when the stream opened: "running" means the events below are live. */
  stateAtOpen: string | null;
};

type Action<Summary, Event> =
  | { type: "session"; summary: Summary | null }
  | { type: "event"; event: Event }
  | { type: "connection"; connection: StreamConnection };

/** What the page says of each connection state (a refused stream is lost: nothing retries it). */
const SESSION_CONNECTION: Record<EventStreamConnection, StreamConnection> = {
  open: "open",
  reconnecting: "reconnecting",
  refused: "lost",
};

type Fold<Progress, Event> = (progress: Progress, event: Event, receivedAt: number) => Progress;

function initialStream<Progress>(empty: Progress): SessionStream<Progress> {
  return { ...empty, connection: "connecting", stateAtOpen: null };
}

function reducer<
  Summary extends { state: string },
  Event extends { at: number },
  Progress extends SessionProgress<Summary>,
>(empty: Progress, fold: Fold<Progress, Event>) {
  return (state: SessionStream<Progress>, action: Action<Summary, Event>): SessionStream<Progress> => {
    switch (action.type) {
      case "session":
        // The server replays the whole history after each `session` event: start over.
        return {
          ...initialStream(empty),
          session: action.summary,
          stateAtOpen: action.summary?.state ?? null,
          connection: action.summary ? "open" : "ended",
        };
      case "event": {
        // The server's timestamp: a replayed health wait counts down from when it really began.
        const next = { ...state, ...fold(state, action.event, action.event.at) };
        return next.outcome ? { ...next, connection: "ended" } : next;
      }
      case "connection":
        return state.connection === "ended" ? state : { ...state, connection: action.connection };
    }
  };
}

/**
 * Follow the latest session (a deploy, an upgrade) at `url` over SSE: a `session` event (its
 * summary, or null), then its events as `eventName`, history first, folded with `fold` (a
 * module-level function). The stream is closed here on `succeeded`/`failed`: an EventSource
 * would otherwise reconnect and replay everything again. Remount (a new `key`) to follow anew.
 */
export function useSessionStream<
  Summary extends { state: string },
  Event extends { type: string; at: number },
  Progress extends SessionProgress<Summary>,
>(url: string, eventName: string, empty: Progress, fold: Fold<Progress, Event>): SessionStream<Progress> {
  const [state, dispatch] = useReducer(reducer<Summary, Event, Progress>(empty, fold), empty, initialStream);

  useEventStream<Record<string, unknown>>(
    url,
    {
      session: (data, stream) => {
        const summary = data as Summary | null;
        dispatch({ type: "session", summary });
        if (!summary) stream.close();
      },
      [eventName]: (data, stream) => {
        const event = data as Event;
        dispatch({ type: "event", event });
        if (event.type === "succeeded" || event.type === "failed") stream.close();
      },
    },
    // The server replays the history on a reconnect (a new `session` event starts over).
    { onConnection: (connection) => dispatch({ type: "connection", connection: SESSION_CONNECTION[connection] }) },
  );

  return state;
}
