"use client";

import { useId } from "react";
import { card } from "@/components/ui";
import { MONITOR_INTERVALS, type MonitorSettings } from "./health-model";
import { useNow } from "@/components/hooks/use-now";

function intervalLabel(seconds: number): string {
  return MONITOR_INTERVALS.find((i) => i.seconds === seconds)?.label ?? `${seconds} s`;
}

/** The guide's monitor in the browser: on/off and the interval, remembered in this browser. */
export function MonitorPanel({
  settings,
  onChange,
  dueAt,
  visible,
  busy,
}: {
  settings: MonitorSettings | null;
  onChange: (patch: Partial<MonitorSettings>) => void;
  dueAt: number | null;
  visible: boolean;
  busy: boolean;
}) {
  const toggleId = useId();
  const intervalId = useId();
  const now = useNow(dueAt !== null);
  const enabled = settings?.enabled ?? false;

  let state: string;
  if (!settings) state = "Reading the saved setting…";
  else if (!enabled) state = "Off: the report runs when you ask.";
  else if (!visible) state = "Paused while this tab is hidden.";
  else if (busy) state = `On, every ${intervalLabel(settings.intervalSeconds)}: waiting for the current run or fix.`;
  else state = `On: runs every ${intervalLabel(settings.intervalSeconds)} while this page is open.`;

  const secondsLeft = dueAt !== null && now > 0 ? Math.max(0, Math.ceil((dueAt - now) / 1000)) : null;

  return (
    <section aria-labelledby="monitor-heading" className={`${card} space-y-3`} data-testid="monitor">
      <h2 id="monitor-heading" className="text-base font-semibold">
        Continuous monitoring
      </h2>
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <label htmlFor={toggleId} className="flex cursor-pointer items-center gap-2 text-sm">
          <input
            id={toggleId}
            type="checkbox"
            role="switch"
            checked={enabled}
            disabled={!settings}
            onChange={(event) => onChange({ enabled: event.target.checked })}
            className="h-4 w-4 accent-blue-600"
          />
          Monitor continuously
        </label>
        <div className="flex items-center gap-2 text-sm">
          <label htmlFor={intervalId}>Every</label>
          <select
            id={intervalId}
            value={settings?.intervalSeconds ?? 60}
            disabled={!settings}
            onChange={(event) => onChange({ intervalSeconds: Number(event.target.value) })}
            className={
              "rounded-md border border-slate-300 bg-white px-2 " +
              "py-1 text-sm dark:border-slate-700 dark:bg-slate-900"
            }
          >
            {MONITOR_INTERVALS.map((interval) => (
              <option key={interval.seconds} value={interval.seconds}>
                {interval.label}
              </option>
            ))}
          </select>
        </div>
      </div>
      <p role="status" className="text-xs text-slate-600 dark:text-slate-400" data-testid="monitor-state">
        {state}
      </p>
      {/* Ticks every second: not a live region. Always takes its line, so nothing jumps. */}
      <p
        className="h-4 text-xs tabular-nums text-slate-600 dark:text-slate-400"
        aria-live="off"
        data-testid="monitor-next"
      >
        {secondsLeft !== null ? `Next run in ${secondsLeft} s` : ""}
      </p>
    </section>
  );
}
