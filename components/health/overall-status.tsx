"use client";

import { Badge, buttonPrimary, formatDuration } from "@/components/ui";
import { formatDateTime, OVERALL, type ValidationReportJson } from "./health-model";

const CARD_TONES = {
  success:
    "border-emerald-200 bg-emerald-50 text-emerald-950 " +
    "dark:border-emerald-900 dark:bg-emerald-950 dark:text-emerald-50",
  warning: "border-amber-200 bg-amber-50 text-amber-950 dark:border-amber-900 dark:bg-amber-950 dark:text-amber-50",
  error: "border-red-200 bg-red-50 text-red-950 dark:border-red-900 dark:bg-red-950 dark:text-red-50",
} as const;

const ICON_TONES = {
  success: "bg-emerald-600 text-white",
  warning: "bg-amber-500 text-white",
  error: "bg-red-600 text-white",
} as const;

function RunButton({ running, onRun }: { running: boolean; onRun: () => void }) {
  return (
    <button
      type="button"
      onClick={onRun}
      disabled={running}
      aria-busy={running}
      className={`${buttonPrimary} min-w-28`}
      data-testid="run-again"
    >
      {running ? "Running…" : "Run again"}
    </button>
  );
}

/** The verdict at a glance: healthy / degraded / unhealthy, whether work can go on, how long it took. */
export function OverallStatus({
  report,
  running,
  stale,
  onRun,
}: {
  report: ValidationReportJson;
  running: boolean;
  stale: boolean;
  onRun: () => void;
}) {
  const overall = OVERALL[report.status];
  const total = report.checks.length;
  const { pass, warn, fail, skip } = report.counts;
  return (
    <section
      aria-labelledby="overall-heading"
      aria-busy={running}
      className={
        `flex min-h-28 flex-wrap items-center justify-between ` +
        `gap-4 rounded-lg border p-4 ${CARD_TONES[overall.tone]}`
      }
      data-testid="overall-status"
      data-status={report.status}
      data-started-at={report.startedAt}
      data-running={running}
    >
      <div className="flex min-w-0 items-center gap-4">
        <span
          aria-hidden="true"
          className={
            `flex h-12 w-12 shrink-0 items-center justify-center ` +
            `rounded-full text-2xl font-bold ${ICON_TONES[overall.tone]}`
          }
        >
          {overall.icon}
        </span>
        <div className="min-w-0 space-y-1">
          <h2 id="overall-heading" className="flex flex-wrap items-center gap-2 text-xl font-semibold">
            <span data-testid="overall-label">{overall.label}</span>
            <Badge tone={report.canProceed ? "green" : "red"}>
              {report.canProceed ? "can proceed" : "cannot proceed"}
            </Badge>
          </h2>
          <p className="text-sm">
            {total} checks: {pass} passed · {warn} warning{warn === 1 ? "" : "s"} · {fail} failed · {skip} skipped
          </p>
          <p className="text-xs opacity-80">
            Took <span data-testid="total-duration">{formatDuration(report.durationMs)}</span>
            {report.project ? <> · project {report.project}</> : null} · ran at{" "}
            <time dateTime={report.startedAt}>{formatDateTime(report.startedAt)}</time>
            {stale ? " · from before the fix" : ""}
          </p>
          {report.settling.length > 0 ? (
            <ul className="list-disc pl-5 text-sm" data-testid="settling">
              {report.settling.map((note) => (
                <li key={note}>Still settling: {note}</li>
              ))}
              <li className="list-none">This page checks again by itself in a few seconds.</li>
            </ul>
          ) : null}
        </div>
      </div>
      <div className="flex flex-col items-end gap-1">
        <RunButton running={running} onRun={onRun} />
        <p role="status" className="h-4 text-xs opacity-80">
          {running ? "Running every check…" : ""}
        </p>
      </div>
    </section>
  );
}

/** The same footprint while the first run is on its way. */
export function OverallStatusSkeleton() {
  return (
    <div
      role="status"
      aria-label="Running the health report for the first time"
      className={
        "flex min-h-28 items-center gap-4 rounded-lg border border-slate-200 " +
        "bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
      }
    >
      <span className="h-12 w-12 shrink-0 animate-pulse rounded-full bg-slate-200 dark:bg-slate-800" />
      <div className="flex-1 space-y-2">
        <div className="h-5 w-40 animate-pulse rounded bg-slate-200 dark:bg-slate-800" />
        <div className="h-4 w-72 max-w-full animate-pulse rounded bg-slate-200 dark:bg-slate-800" />
        <p className="text-xs text-slate-600 dark:text-slate-400">Running every check…</p>
      </div>
    </div>
  );
}
