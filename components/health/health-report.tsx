"use client";

import dynamic from "next/dynamic";
import { useCallback, useEffect, useMemo, useRef, useSyncExternalStore } from "react";
import useSWR, { useSWRConfig } from "swr";
import { fetchJson } from "@/lib/http/api-client";
import { NoticeBanner, Skeleton } from "@/components/ui";
import { SupportBundleButton } from "@/components/support/support-bundle-button";
import { CheckGroups } from "./check-groups";
import {
  dockerProblem,
  HISTORY_URL,
  isConfigProblem,
  NAMESPACES_URL,
  recentRuns,
  rootDiagnosis,
  type HistoryResponse,
} from "./health-model";
import { OverallStatus, OverallStatusSkeleton } from "./overall-status";
import { useFixFlow } from "./use-fix-flow";
import { useMonitoring, useMonitorSettings } from "./use-monitor";
import { useValidation } from "./use-validation";

// Not needed for the first answer of a healthy stack: loaded when shown, after the report's own code.
const ReportProblem = dynamic(() => import("./report-problem").then((m) => m.ReportProblem));
// The side panels wait for the report's first answer, in placeholders of their size (no layout jump).
const MonitorPanel = dynamic(() => import("./monitor-panel").then((m) => m.MonitorPanel), {
  loading: () => <Skeleton className={PANEL_HEIGHTS.monitor} />,
});
const RunTimeline = dynamic(() => import("./run-timeline").then((m) => m.RunTimeline), {
  loading: () => <Skeleton className={PANEL_HEIGHTS.timeline} />,
});
const NamespacesPanel = dynamic(() => import("./namespaces-panel").then((m) => m.NamespacesPanel), {
  loading: () => <Skeleton className={PANEL_HEIGHTS.namespaces} />,
});
const FixProgress = dynamic(() => import("./diagnoses").then((m) => m.FixProgress));
const RootCauseBanner = dynamic(() => import("./diagnoses").then((m) => m.RootCauseBanner));
const RootCheckBanner = dynamic(() => import("./diagnoses").then((m) => m.RootCheckBanner));
const OtherDiagnoses = dynamic(() => import("./diagnoses").then((m) => m.OtherDiagnoses));

/** How soon a report that caught the stack still starting runs again by itself. */
const SETTLING_RECHECK_MS = 3000;

const PANEL_HEIGHTS = { monitor: "h-36", timeline: "h-40", namespaces: "h-48" };

function SidePanelsSkeleton() {
  return (
    <>
      <Skeleton className={PANEL_HEIGHTS.monitor} label="Loading the monitoring settings" />
      <Skeleton className={PANEL_HEIGHTS.timeline} label="Loading the recent runs" />
      <Skeleton className={PANEL_HEIGHTS.namespaces} label="Loading the namespaces" />
    </>
  );
}

const subscribeHash = (listener: () => void) => {
  window.addEventListener("hashchange", listener);
  return () => window.removeEventListener("hashchange", listener);
};

/** The URL's fragment (`/health#<diagnosis id>`, as the logs page links), decoded. */
function useHash(): string {
  return useSyncExternalStore(
    subscribeHash,
    () => {
      try {
        return decodeURIComponent(window.location.hash.slice(1));
      } catch {
        return window.location.hash.slice(1);
      }
    },
    () => "",
  );
}

function ChecksSkeleton() {
  return (
    <div className="space-y-4" aria-hidden="true">
      {[7, 5, 3, 3].map((rows, i) => (
        <div
          key={i}
          className="space-y-3 rounded-md border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
        >
          <div className="h-5 w-32 animate-pulse rounded bg-slate-200 dark:bg-slate-800" />
          {Array.from({ length: rows }, (_, j) => (
            <div key={j} className="h-9 animate-pulse rounded bg-slate-100 dark:bg-slate-800/60" />
          ))}
        </div>
      ))}
    </div>
  );
}

/**
 * The health report: runs every check once on load, names the root cause with its fix, and
 * runs again after a fix, on "Run again", or on the monitor's interval.
 */
export function HealthReport() {
  const { mutate } = useSWRConfig();
  const refreshAfterRun = useCallback(() => {
    void mutate(HISTORY_URL);
    void mutate(NAMESPACES_URL);
  }, [mutate]);
  const validation = useValidation(refreshAfterRun);
  const { run, show, result, error, running, finishedAt } = validation;
  const flow = useFixFlow(show);
  const [monitor, setMonitor] = useMonitorSettings();
  const history = useSWR<HistoryResponse>(HISTORY_URL, fetchJson, { revalidateOnFocus: false });

  // The first load runs the report once by itself.
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    void run();
  }, [run]);

  const busy = running || flow.active;
  const monitorRun = useCallback(() => void run(), [run]);
  const schedule = useMonitoring({
    enabled: Boolean(monitor?.enabled),
    intervalMs: (monitor?.intervalSeconds ?? 60) * 1000,
    lastFinishedAt: finishedAt,
    busy,
    run: monitorRun,
  });

  const report = result?.report ?? null;
  // A report that caught a container still starting runs again by itself until the stack has settled.
  const settling = Boolean(report && report.settling.length > 0);
  useEffect(() => {
    if (!settling || busy) return;
    const timer = setTimeout(() => void run(), SETTLING_RECHECK_MS);
    return () => clearTimeout(timer);
  }, [settling, busy, finishedAt, run]);

  const diagnoses = useMemo(() => result?.diagnoses ?? [], [result]);
  const root = rootDiagnosis(diagnoses);
  const others = diagnoses.filter((d) => d !== root);
  const rootCheck =
    !root && report && report.rootCauses[0] ? (report.checks.find((c) => c.id === report.rootCauses[0]) ?? null) : null;
  const diagnosisIds = useMemo(() => new Set(diagnoses.map((d) => d.id)), [diagnoses]);
  const configProblem = error ? isConfigProblem(error) : false;
  const docker = report ? dockerProblem(report) : null;
  const runs =
    history.data && report ? recentRuns(history.data.entries, report.project, 100) : configProblem ? [] : null;

  // `/health#<id>`: once the diagnosis is on the page, bring it into view.
  const hash = useHash();
  const targetId = hash && diagnosisIds.has(hash) ? hash : null;
  const scrolledTo = useRef<string | null>(null);
  useEffect(() => {
    if (!targetId || scrolledTo.current === targetId) return;
    const element = document.getElementById(targetId);
    if (!element) return;
    scrolledTo.current = targetId;
    element.scrollIntoView({ block: "start" });
    element.focus({ preventScroll: true });
  }, [targetId]);
  // A link to a known failure (from the logs page) that the latest run no longer finds.
  const missingEntry = hash && report && !targetId && /^[a-z0-9-]{3,60}$/.test(hash) ? hash : null;

  return (
    <div className="space-y-6">
      {error && (!report || configProblem) ? (
        <ReportProblem error={error} running={running} onRetry={() => void run()} />
      ) : report ? (
        <OverallStatus
          report={report}
          running={running}
          stale={flow.active && flow.phase.kind !== "checking"}
          onRun={() => void run()}
        />
      ) : (
        <OverallStatusSkeleton />
      )}

      {error && report && !configProblem ? (
        <NoticeBanner
          notice={{
            tone: "error",
            message: `The latest run failed: ${error.body.message}`,
            hint: error.body.hint ?? "The report below is from the run before.",
          }}
        />
      ) : null}
      {docker ? (
        <NoticeBanner
          notice={{
            tone: "warning",
            message: `Docker is not answering: ${docker}`,
            hint:
              "Container states are unknown until it does. Start Docker (`sudo systemctl " +
              "start docker`, or open Docker Desktop), then run the report again.",
          }}
        />
      ) : null}
      {missingEntry ? (
        <NoticeBanner
          notice={{
            tone: "info",
            message:
              `The latest run does not find the problem the link ` +
              `pointed to (${missingEntry.replaceAll("-", " ")}).`,
            hint: "It may have been fixed since the link was made.",
          }}
          live={false}
        />
      ) : null}

      {/* While a fix runs, its progress shows next to the button that started it; the outcome at the top. */}
      {flow.phase.kind === "idle" || (report && root && flow.active) ? null : <FixProgress flow={flow} />}
      {report && root ? (
        <RootCauseBanner
          diagnosis={root}
          flow={flow}
          targeted={targetId === root.id}
          progress={flow.active ? <FixProgress flow={flow} /> : null}
        />
      ) : null}
      {report && rootCheck ? <RootCheckBanner check={rootCheck} /> : null}
      {report && others.length > 0 ? <OtherDiagnoses diagnoses={others} flow={flow} targetId={targetId} /> : null}

      <div className="grid gap-6 lg:grid-cols-3">
        <section aria-labelledby="checks-heading" className="min-w-0 space-y-3 lg:col-span-2" aria-busy={running}>
          <h2
            id="checks-heading"
            className="text-sm font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400"
          >
            Checks
          </h2>
          {report ? (
            <CheckGroups report={report} diagnosisIds={diagnosisIds} />
          ) : configProblem ? (
            <p
              className={
                "rounded-md border border-dashed border-slate-300 p-4 text-sm " +
                "text-slate-600 dark:border-slate-700 dark:text-slate-400"
              }
            >
              The checks run once there is a valid config.
            </p>
          ) : (
            <ChecksSkeleton />
          )}
        </section>
        <aside className="min-w-0 space-y-4" aria-label="Monitoring and namespaces">
          {report || error ? (
            <>
              <MonitorPanel
                settings={monitor}
                onChange={setMonitor}
                dueAt={schedule.dueAt}
                visible={schedule.visible}
                busy={busy}
              />
              <RunTimeline runs={runs} loading={history.isLoading} failed={Boolean(history.error)} />
              <NamespacesPanel enabled={Boolean(report) && !configProblem} />
            </>
          ) : (
            <SidePanelsSkeleton />
          )}
          <section aria-label="Report a problem" className="space-y-2 text-sm">
            <h2 className="font-semibold">Still stuck?</h2>
            <p className="text-slate-600 dark:text-slate-400">
              Attach a support bundle to your bug report: the report, config, generated files and recent logs, secrets
              redacted.
            </p>
            <SupportBundleButton />
          </section>
        </aside>
      </div>
    </div>
  );
}
