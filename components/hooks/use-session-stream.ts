"use client";

import { useEffect, useReducer } from "react";

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

type Fold<Progress, Event> = (progress: Progress, event: Event, receivedAt: number) => Progress;

function initialStream<Progress>(empty: Progress): SessionStream<Progress> {
  return { ...empty, connection: "connecting", stateAtOpen: null };
}

function reducer<
  Summary extends { state: string },
  Event extends { at: number },
  Progress extends SessionProgress<Summary>,
>(
  empty: Progress,
  fold: Fold<Progress, Event>,
) {
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

  useEffect(() => {
    const source = new EventSource(url);
    let finished = false;
    const finish = () => {
      finished = true;
      source.close();
    };
    source.addEventListener("session", (message) => {
      const summary = JSON.parse((message as MessageEvent<string>).data) as Summary | null;
      dispatch({ type: "session", summary });
      if (!summary) finish();
    });
    source.addEventListener(eventName, (message) => {
      const event = JSON.parse((message as MessageEvent<string>).data) as Event;
      dispatch({ type: "event", event });
      if (event.type === "succeeded" || event.type === "failed") finish();
    });
    source.addEventListener("open", () => dispatch({ type: "connection", connection: "open" }));
    source.addEventListener("error", () => {
      if (finished) return;
      // CLOSED: the server refused the stream (e.g. the config is invalid); CONNECTING: the
      // browser retries by itself and the server replays the history on reconnect.
      dispatch({ type: "connection", connection: source.readyState === EventSource.CLOSED ? "lost" : "reconnecting" });
    });
    return () => {
      finished = true;
      source.close();
    };
  }, [url, eventName]);

  return state;
}
