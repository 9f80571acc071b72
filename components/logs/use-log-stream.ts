"use client";

import { useEffect, useMemo, useState } from "react";
import { ApiError, apiFetch } from "@/lib/http/api-client";
import type { LogLine } from "@/lib/logs/log-line";
import { LogStore } from "@/lib/logs/log-store";
import { openEventStream } from "@/components/hooks/use-event-stream";

export type LogConnection = "idle" | "connecting" | "live" | "reconnecting" | "offline";

export interface LogProblem {
  message: string;
  hint?: string;
}

export interface AttachNotice {
  service: string;
  container: string;
  reason: "initial" | "restart" | "recreate" | "reconnect";
  at: number;
}

const TAIL = 500;
const MAX_LINES_PER_FRAME = 2_500;
const RETRY_MS = [2_000, 4_000, 8_000, 15_000, 30_000];

interface LogEvents {
  hello: unknown;
  lines: LogLine[];
  attach: Omit<AttachNotice, "at">;
  problem: LogProblem;
}

/**
 * Follow `/api/logs` for the chosen services into a LogStore. Lines that arrive between two
 * frames are appended together in one requestAnimationFrame, so a burst of events costs one
 * render. The browser reconnects by itself (and resumes with Last-Event-ID); when the server
 * refuses outright (engine down, config broken) the reason is fetched and shown, and a new
 * connection, after a growing delay, resumes after the last line seen.
 */
export function useLogStream(services: readonly string[] | null) {
  const key = services ? services.join(",") : null;
  // A new selection starts a new view (and a new tail from the server).
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const store = useMemo(() => new LogStore(), [key]);
  // Connection state and problems belong to one selection: stale ones read as "connecting".
  const [status, setStatus] = useState<{ key: string | null; connection: LogConnection; problem: LogProblem | null }>({
    key: null,
    connection: "idle",
    problem: null,
  });
  const [lastAttach, setLastAttach] = useState<AttachNotice | null>(null);
  const current =
    status.key === key ? status : { key, connection: key ? ("connecting" as const) : ("idle" as const), problem: null };

  useEffect(() => {
    if (!key) return;
    const setConnection = (connection: LogConnection) =>
      setStatus((s) => ({ key, connection, problem: s.key === key ? s.problem : null }));
    const setProblem = (problem: LogProblem | null) =>
      setStatus((s) => ({ key, connection: s.key === key ? s.connection : "connecting", problem }));
    let lastTs: string | null = null;
    let pending: LogLine[] = [];
    let frame = 0;
    let disposed = false;

    const flush = () => {
      frame = 0;
      if (pending.length === 0) return;
      // A bounded amount of work per frame keeps the page responsive during a flood;
      // the rest waits for the next frame.
      const batch = pending.length <= MAX_LINES_PER_FRAME ? pending : pending.slice(0, MAX_LINES_PER_FRAME);
      pending = batch === pending ? [] : pending.slice(MAX_LINES_PER_FRAME);
      store.append(batch);
      if (pending.length > 0) frame = requestAnimationFrame(flush);
    };

    const url = () => {
      const params = new URLSearchParams({ services: key, tail: String(TAIL) });
      if (lastTs) params.set("after", lastTs);
      return `/api/logs?${params}`;
    };
    const stop = openEventStream<LogEvents>(
      url,
      {
        hello: () => {
          setConnection("live");
          setProblem(null);
        },
        lines: (lines, { lastEventId }) => {
          if (lines.length === 0) return;
          lastTs = lastEventId || lines[lines.length - 1]!.ts;
          for (const line of lines) pending.push(line);
          // A hidden tab gets no animation frames: keep no more than the view could hold.
          if (pending.length > store.capacity) pending = pending.slice(pending.length - store.capacity);
          frame ||= requestAnimationFrame(flush);
        },
        attach: (notice) => {
          if (notice.reason !== "initial") setLastAttach({ ...notice, at: Date.now() });
        },
        problem: setProblem,
      },
      {
        retryRefusedMs: RETRY_MS,
        onConnection: (connection) => {
          if (connection === "reconnecting") setConnection("reconnecting");
          if (connection !== "refused") return;
          // The server answered with an error instead of a stream: ask why (the retry follows by itself).
          setConnection("offline");
          void apiFetch("/api/logs/services").then(
            () => undefined,
            (error: unknown) => {
              if (!disposed && error instanceof ApiError)
                setProblem({ message: error.body.message, hint: error.body.hint });
            },
          );
        },
      },
    );

    return () => {
      disposed = true;
      stop();
      if (frame) cancelAnimationFrame(frame);
    };
  }, [key, store]);

  return { store, connection: current.connection, problem: current.problem, lastAttach };
}
