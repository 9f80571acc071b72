"use client";

import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from "react";
import { MONITOR_KEY, parseMonitorSettings, type MonitorSettings } from "./health-model";

const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener("storage", listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("storage", listener);
  };
}

const readStored = () => window.localStorage.getItem(MONITOR_KEY) ?? "";
/** On the server (and while hydrating) nothing is known yet. */
const readOnServer = () => null;

/** The monitor's settings, remembered in localStorage; null until the browser's copy is read. */
export function useMonitorSettings(): [MonitorSettings | null, (patch: Partial<MonitorSettings>) => void] {
  const stored = useSyncExternalStore(subscribe, readStored, readOnServer);
  const settings = useMemo(() => (stored === null ? null : parseMonitorSettings(stored || null)), [stored]);
  const update = useCallback((patch: Partial<MonitorSettings>) => {
    const current = parseMonitorSettings(window.localStorage.getItem(MONITOR_KEY));
    window.localStorage.setItem(MONITOR_KEY, JSON.stringify({ ...current, ...patch }));
    listeners.forEach((listener) => listener());
  }, []);
  return [settings, update];
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

/** The current time, ticking every second while `active` (countdowns). */
export function useNow(active: boolean): number {
  const [now, setNow] = useState(0);
  useEffect(() => {
    if (!active) return;
    const tick = () => setNow(Date.now());
    const first = setTimeout(tick, 0);
    const timer = setInterval(tick, 1000);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, [active]);
  return now;
}
