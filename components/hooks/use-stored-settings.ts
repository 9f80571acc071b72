"use client";

import { useCallback, useMemo, useSyncExternalStore } from "react";

// One listener set for every key: a write in this tab re-reads all stored settings (cheap),
// the `storage` event brings writes from other tabs.
const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener("storage", listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("storage", listener);
  };
}

/** On the server (and while hydrating) nothing is known yet. */
const readOnServer = () => null;

/**
 * Settings remembered in localStorage under `key` and shared live between tabs. `parse` turns
 * the stored text (or null) into settings, falling back to defaults field by field. The value
 * is null until the browser's copy has been read, so nothing acts on the defaults first.
 */
export function useStoredSettings<T extends object>(
  key: string,
  parse: (stored: string | null) => T,
): [T | null, (patch: Partial<T>) => void] {
  const readStored = useCallback(() => window.localStorage.getItem(key) ?? "", [key]);
  const stored = useSyncExternalStore(subscribe, readStored, readOnServer);
  const settings = useMemo(() => (stored === null ? null : parse(stored || null)), [stored, parse]);
  const update = useCallback(
    (patch: Partial<T>) => {
      window.localStorage.setItem(key, JSON.stringify({ ...parse(window.localStorage.getItem(key)), ...patch }));
      listeners.forEach((listener) => listener());
    },
    [key, parse],
  );
  return [settings, update];
}
