"use client";

import { useEffect, useSyncExternalStore } from "react";
import { useStoredSettings } from "@/components/hooks/use-stored-settings";
import { MONITOR_KEY, parseMonitorSettings, type MonitorSettings } from "./health-model";

/** The monitor's settings, remembered in localStorage; null until the browser's copy is read. */
export function useMonitorSettings(): [MonitorSettings | null, (patch: Partial<MonitorSettings>) => void] {
  return useStoredSettings(MONITOR_KEY, parseMonitorSettings);
}

const subscribeVisibility = (listener: () => void) => {
  document.addEventListener("visibilitychange", listener);
  return () => document.removeEventListener("visibilitychange", listener);
};

/** Whether the page is shown (not a background tab, not minimised). */
export function usePageVisible(): boolean {
  return useSyncExternalStore(
    subscribeVisibility,
    () => document.visibilityState === "visible",
    () => true,
  );
}

/**
 * While on and the page is visible, run `run` every interval, counted from the end of the
 * latest run (a manual one too). Paused while `busy` (a run or a fix in progress). Returns
 * when the next run is due (epoch ms), or null when none is scheduled.
 */
export function useMonitoring({
  enabled,
  intervalMs,
  lastFinishedAt,
  busy,
  run,
}: {
  enabled: boolean;
  intervalMs: number;
  lastFinishedAt: number | null;
  busy: boolean;
  run: () => void;
}): { dueAt: number | null; visible: boolean } {
  const visible = usePageVisible();
  const active = enabled && visible && !busy;
  // The page runs the report once on load, so there always is a run to count from.
  const dueAt = enabled && lastFinishedAt !== null ? lastFinishedAt + intervalMs : null;

  useEffect(() => {
    if (!active || dueAt === null) return;
    // A tab shown again after a long while runs at once: the report is overdue.
    const timer = setTimeout(run, Math.max(0, dueAt - Date.now()));
    return () => clearTimeout(timer);
  }, [active, dueAt, run]);

  return { dueAt: active ? dueAt : null, visible };
}
