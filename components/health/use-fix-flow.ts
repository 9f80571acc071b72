"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { Fix, ValidateResponse } from "./health-model";

export type FixPhase =
  | { kind: "idle" }
  | { kind: "applying"; fix: Fix }
  | { kind: "deploying"; fix: Fix; message: string; step: string | null }
  | { kind: "waiting"; fix: Fix; until: number; ms: number; message: string }
  | { kind: "checking"; fix: Fix; attempt: number }
  | { kind: "done"; fix: Fix; tone: "success" | "warning" | "error"; message: string; hint?: string };

export interface FixFlow {
  phase: FixPhase;
  /** True from the click until the report has been run again. */
  active: boolean;
  apply: (fix: Fix) => void;
  /** Stop following (the fix goes on by itself on the server). */
  cancel: () => void;
  dismiss: () => void;
}

/**
 * The state of a fix as the page shows it: what the fix is doing now, until the report has run
 * again; then how it went. The server runs the fix (lib/deploy/fix-session.ts); fix-runner.ts,
 * loaded on the first click, follows it. `show` puts each re-check's report on the page.
 */
export function useFixFlow(show: (result: ValidateResponse) => void): FixFlow {
  const [phase, setPhase] = useState<FixPhase>({ kind: "idle" });
  const controller = useRef<AbortController | null>(null);

  useEffect(() => () => controller.current?.abort(), []);

  const apply = useCallback(
    (fix: Fix) => {
      controller.current?.abort();
      const ac = new AbortController();
      controller.current = ac;
      const { signal } = ac;
      const set = (next: FixPhase) => {
        if (!signal.aborted) setPhase(next);
      };
      set({ kind: "applying", fix });
      void import("./fix-runner").then(({ followFix }) => followFix(fix, { signal, set, show }));
    },
    [show],
  );
  const cancel = useCallback(() => {
    controller.current?.abort();
    controller.current = null;
    setPhase({ kind: "idle" });
  }, []);

  const dismiss = useCallback(() => setPhase({ kind: "idle" }), []);

  const active = phase.kind !== "idle" && phase.kind !== "done";
  return { phase, active, apply, cancel, dismiss };
}
