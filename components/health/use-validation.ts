"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { ApiError, apiFetch, type ApiErrorBody } from "@/lib/http/api-client";
import { VALIDATE_URL, type ValidateResponse } from "./health-model";

export interface ValidationState {
  /** The latest successful run; kept while the next one runs, so nothing jumps. */
  result: ValidateResponse | null;
  /** Why the latest run could not happen (no config, Docker down, the server gone). */
  error: { status: number; body: ApiErrorBody } | null;
  running: boolean;
  /** When the latest run (successful or not) ended, epoch ms; the monitor counts from it. */
  finishedAt: number | null;
}

export interface Validation extends ValidationState {
  /**
   * Run every check now. A call while a run is in flight shares it; `fresh` waits for it and
   * runs again (a fix wants a report from after it acted, not one started before).
   */
  run: (options?: { fresh?: boolean }) => Promise<ValidateResponse | null>;
  /** Show a report the server ran (a fix's re-check) as the latest run. */
  show: (result: ValidateResponse) => void;
}

function toError(error: unknown): ValidationState["error"] {
  if (error instanceof ApiError) return { status: error.status, body: error.body };
  return { status: 0, body: { code: "internal:unknown", message: "The health report could not be run." } };
}

/** POST /api/validate, one run at a time, with the result kept between runs. */
export function useValidation(onFinished?: () => void): Validation {
  const [state, setState] = useState<ValidationState>({ result: null, error: null, running: false, finishedAt: null });
  const inFlight = useRef<Promise<ValidateResponse | null> | null>(null);
  const finished = useRef(onFinished);
  useEffect(() => {
    finished.current = onFinished;
  });

  const start = useCallback((): Promise<ValidateResponse | null> => {
    setState((s) => ({ ...s, running: true }));
    const promise = (async () => {
      try {
        const { data } = await apiFetch<ValidateResponse>(VALIDATE_URL, { method: "POST" });
        setState({ result: data, error: null, running: false, finishedAt: Date.now() });
        return data;
      } catch (error) {
        setState((s) => ({ ...s, error: toError(error), running: false, finishedAt: Date.now() }));
        return null;
      } finally {
        inFlight.current = null;
        finished.current?.();
      }
    })();
    inFlight.current = promise;
    return promise;
  }, []);

  const show = useCallback((result: ValidateResponse) => {
    setState({ result, error: null, running: false, finishedAt: Date.now() });
    finished.current?.();
  }, []);

  const run = useCallback(
    async ({ fresh = false }: { fresh?: boolean } = {}) => {
      const current = inFlight.current;
      if (current) {
        if (!fresh) return current;
        await current;
        // Someone else may have started the next run meanwhile: that one is fresh enough.
        if (inFlight.current) return inFlight.current;
      }
      return start();
    },
    [start],
  );

  return { ...state, run, show };
}
