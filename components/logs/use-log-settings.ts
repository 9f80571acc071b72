"use client";

import { useStoredSettings } from "@/components/hooks/use-stored-settings";
import { LOG_SETTINGS_KEY, parseLogSettings, type LogSettings } from "@/lib/logs/log-settings";

/**
 * The viewer's settings, remembered in localStorage (and shared live between tabs).
 * `null` until the browser's copy has been read, so nothing connects with the defaults first.
 */
export function useLogSettings(): [LogSettings | null, (patch: Partial<LogSettings>) => void] {
  return useStoredSettings(LOG_SETTINGS_KEY, parseLogSettings);
}
