"use client";

import { useEffect, useReducer } from "react";
import type { DeployEvent, StampedDeployEvent } from "@/lib/deploy/deploy-events";
import { EMPTY_PROGRESS, reduceDeployEvent, type DeployProgress } from "./deploy-progress-state";
import { EVENTS_URL, type DeploySummary } from "./deploy-types";

export type StreamConnection = "connecting" | "open" | "reconnecting" | "ended" | "lost";

export interface DeployStream extends DeployProgress {
  connection: StreamConnection;
  /** The session's state when the stream opened: "running" means the events below are live. */
  stateAtOpen: DeploySummary["state"] | null;
}

type Action =
  | { type: "session"; summary: DeploySummary | null }
  | { type: "event"; event: DeployEvent; receivedAt: number }
  | { type: "connection"; connection: StreamConnection };

const INITIAL: DeployStream = { ...EMPTY_PROGRESS, connection: "connecting", stateAtOpen: null };

function reducer(state: DeployStream, action: Action): DeployStream {
  switch (action.type) {
    case "session":
      // The server replays the whole history after each `session` event: start over.
      return { ...INITIAL, session: action.summary, stateAtOpen: action.summary?.state ?? null, connection: action.summary ? "open" : "ended" };
    case "event": {
      const next = { ...state, ...reduceDeployEvent(state, action.event, action.receivedAt) };
      return next.outcome ? { ...next, connection: "ended" } : next;
    }
    case "connection":
      return state.connection === "ended" ? state : { ...state, connection: action.connection };
  }
}

/**
 * Follow the latest deploy of the configured project over SSE. The server replays what
 * happened so far, then streams live until `succeeded`/`failed`, when the stream is closed
 * here (an EventSource would otherwise reconnect and replay everything again).
 * Remount the component (a new `key`) to open a new stream after starting another deploy.
 */
export function useDeployStream(): DeployStream {
  const [state, dispatch] = useReducer(reducer, INITIAL);

  useEffect(() => {
    const source = new EventSource(EVENTS_URL);
    let finished = false;
    const finish = () => {
      finished = true;
      source.close();
    };
    source.addEventListener("session", (message) => {
      const summary = JSON.parse((message as MessageEvent<string>).data) as DeploySummary | null;
      dispatch({ type: "session", summary });
      if (!summary) finish();
    });
    source.addEventListener("deploy", (message) => {
      const event = JSON.parse((message as MessageEvent<string>).data) as StampedDeployEvent;
      // The server's timestamp: a replayed health wait counts down from when it really began.
      dispatch({ type: "event", event, receivedAt: event.at });
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
  }, []);

  return state;
}
