"use client";

import { Badge, card, formatDuration, NoticeBanner, Skeleton, type BadgeTone } from "@/components/ui";
import { formatDateTime, OVERALL, OVERALL_TICK, type OverallStatus, type ValidationHistoryEntry } from "./health-model";

/** Ticks shown; the history keeps up to 100 runs. */
export const TIMELINE_TICKS = 30;
const LIST_ROWS = 8;

const STATUS_BADGE: Record<OverallStatus, BadgeTone> = { healthy: "green", degraded: "amber", unhealthy: "red" };

function describe(entry: ValidationHistoryEntry): string {
  const parts = [
    `${formatDateTime(entry.at)}: ${entry.status}`,
    entry.canProceed ? "can proceed" : "cannot proceed",
    `took ${formatDuration(entry.durationMs)}`,
  ];
  if (entry.rootCause) parts.push(entry.rootCause.message);
  return parts.join(" · ");
}

/**
 * Recent runs of this project, from the local history: a row of coloured ticks (oldest on
 * the left, the newest at the right end), each with its time and status on hover and focus,
 * and the latest few as a list, newest first.
 */
export function RunTimeline({
  runs,
  loading,
  failed,
}: {
  runs: ValidationHistoryEntry[] | null;
  loading: boolean;
  failed: boolean;
}) {
  const ticks = runs ? runs.slice(0, TIMELINE_TICKS).toReversed() : [];
  return (
    <section
      aria-labelledby="timeline-heading"
      className={`${card} space-y-3`}
      data-testid="timeline"
      data-count={runs?.length ?? 0}
      data-newest={runs?.[0]?.at}
    >
      <div className="flex items-baseline justify-between gap-2">
        <h2 id="timeline-heading" className="text-base font-semibold">
          Recent runs
        </h2>
        {runs ? (
          <p className="text-xs text-slate-500 dark:text-slate-400">
            last {Math.min(runs.length, TIMELINE_TICKS)} of this project
          </p>
        ) : null}
      </div>
      {failed && !runs ? (
        <NoticeBanner notice={{ tone: "warning", message: "The run history could not be read." }} live={false} />
      ) : null}
      {!runs && !failed ? (
        <Skeleton className="h-24" label={loading ? "Loading the run history" : "Waiting for the first run"} />
      ) : null}
      {runs && runs.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">No runs recorded yet.</p>
      ) : null}
      {runs && runs.length > 0 ? (
        <>
          <ol
            aria-label="Runs, oldest to newest"
            className="flex h-10 items-end gap-[3px] overflow-visible"
            data-testid="timeline-ticks"
          >
            {ticks.map((entry, index) => {
              const right = index > ticks.length / 2;
              return (
                <li key={entry.at} className="relative h-full min-w-1 max-w-2.5 flex-1">
                  <span
                    tabIndex={0}
                    role="img"
                    aria-label={describe(entry)}
                    data-testid="timeline-tick"
                    data-status={entry.status}
                    className={`peer block h-full w-full rounded-sm ${OVERALL_TICK[entry.status]} hover:opacity-80`}
                  />
                  <span
                    aria-hidden="true"
                    className={
                      `pointer-events-none invisible absolute bottom-full z-10 mb-1 w-max max-w-64 ` +
                      `rounded bg-slate-900 px-2 py-1 text-xs text-white shadow peer-hover:visible ` +
                      `peer-focus:visible dark:bg-slate-100 dark:text-slate-900 ${right ? "right-0" : "left-0"}`
                    }
                  >
                    <span className="font-medium">{formatDateTime(entry.at)}</span> · {OVERALL[entry.status].label}
                    <br />
                    {entry.rootCause
                      ? entry.rootCause.message
                      : `${entry.counts.pass} passed · ${formatDuration(entry.durationMs)}`}
                  </span>
                </li>
              );
            })}
          </ol>
          <ol
            aria-label="Latest runs, newest first"
            className="divide-y divide-slate-100 text-xs dark:divide-slate-800"
            data-testid="timeline-list"
          >
            {runs.slice(0, LIST_ROWS).map((entry) => (
              <li key={entry.at} className="flex flex-wrap items-center gap-x-2 gap-y-0.5 py-1">
                <time dateTime={entry.at} className="w-20 shrink-0 tabular-nums text-slate-600 dark:text-slate-400">
                  {formatDateTime(entry.at)}
                </time>
                <Badge tone={STATUS_BADGE[entry.status]}>{entry.status}</Badge>
                <span className="tabular-nums text-slate-500 dark:text-slate-400">
                  {formatDuration(entry.durationMs)}
                </span>
                {entry.rootCause ? (
                  <span
                    className="min-w-0 basis-full truncate text-slate-700 dark:text-slate-300"
                    title={entry.rootCause.message}
                  >
                    {entry.rootCause.message}
                  </span>
                ) : null}
              </li>
            ))}
          </ol>
        </>
      ) : null}
    </section>
  );
}
