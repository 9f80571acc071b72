"use client";

import { useEffect, useState } from "react";
import type { ApiErrorBody } from "@/lib/http/api-client";
import type { StatusResponse as StackStatusEvent } from "@/lib/http/api-contract";

export type StackStatusState =
  | { kind: "loading" }
  | { kind: "live"; status: StackStatusEvent }
  | { kind: "error"; error: ApiErrorBody };

/**
 * The stack's state, pushed by the server on the engine's events (no polling). EventSource
 * reconnects by itself; an `error` event from the server (Docker not running) is shown and the
 * browser retries.
 */
export function useStackStatus(enabled = true): StackStatusState {
  const [state, setState] = useState<StackStatusState>({ kind: "loading" });
  useEffect(() => {
    if (!enabled) return;
    const source = new EventSource("/api/deploy/status/events");
    source.addEventListener("status", (event) => setState({ kind: "live", status: JSON.parse((event as MessageEvent<string>).data) }));
    source.addEventListener("error", (event) => {
      const data = (event as MessageEvent<string>).data;
      if (data) setState({ kind: "error", error: JSON.parse(data) as ApiErrorBody });
    });
    return () => source.close();
  }, [enabled]);
  return state;
}
