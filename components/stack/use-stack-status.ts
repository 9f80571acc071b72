"use client";

import { useState } from "react";
import type { ApiErrorBody } from "@/lib/http/api-client";
import type { StatusResponse as StackStatusEvent } from "@/lib/http/api-contract";
import { useEventStream } from "@/components/hooks/use-event-stream";

export type StackStatusState =
  { kind: "loading" } | { kind: "live"; status: StackStatusEvent } | { kind: "error"; error: ApiErrorBody };

/**
 * The stack's state, pushed by the server on the engine's events (no polling). A `problem`
 * from the server (Docker not running) is shown; the server then ends the stream and the
 * browser reconnects by itself, so the status comes back with the engine.
 */
export function useStackStatus(enabled = true): StackStatusState {
  const [state, setState] = useState<StackStatusState>({ kind: "loading" });
  useEventStream<{ status: StackStatusEvent; problem: ApiErrorBody }>(enabled ? "/api/deploy/status/events" : null, {
    status: (status) => setState({ kind: "live", status }),
    problem: (error) => setState({ kind: "error", error }),
  });
  return state;
}
