"use client";

import { useCallback, useMemo, useSyncExternalStore } from "react";
import { DEFAULT_LOG_SETTINGS, LOG_SETTINGS_KEY, parseLogSettings, type LogSettings } from "@/lib/logs/log-settings";

const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener("storage", listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("storage", listener);
  };
}

const readStored = () => window.localStorage.getItem(LOG_SETTINGS_KEY) ?? "";
/** On the server (and while hydrating) nothing is known yet: null. */
const readOnServer = () => null;

/**
 * The viewer's settings, remembered in localStorage (and shared live between tabs).
 * `null` until the browser's copy has been read, so nothing connects with the defaults first.
 */
export function useLogSettings(): [LogSettings | null, (patch: Partial<LogSettings>) => void] {
  const stored = useSyncExternalStore(subscribe, readStored, readOnServer);
  const settings = useMemo(() => (stored === null ? null : parseLogSettings(stored || null)), [stored]);
  const update = useCallback((patch: Partial<LogSettings>) => {
    const current = parseLogSettings(window.localStorage.getItem(LOG_SETTINGS_KEY));
    window.localStorage.setItem(LOG_SETTINGS_KEY, JSON.stringify({ ...(current ?? DEFAULT_LOG_SETTINGS), ...patch }));
    listeners.forEach((listener) => listener());
  }, []);
  return [settings, update];
}
