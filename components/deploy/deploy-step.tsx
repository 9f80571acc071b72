"use client";

import Link from "next/link";
import { useNow } from "@/components/hooks/use-now";
import { useEffect } from "react";
import { phaseStatuses, pullTotals, type HealthWait, type PhaseStatus } from "./deploy-progress-state";
import { useDeployStream } from "./use-deploy-stream";
import { Badge, buttonPrimary, buttonSecondary, formatBytes, formatDuration, HintText, NoticeBanner, Skeleton, type BadgeTone, type Notice } from "@/components/ui";

/** How this page came to follow the deploy: it started it, or a start was refused (409). */
export type DeployOrigin = "started" | "conflict" | null;


const PHASE_ICONS: Record<PhaseStatus, { icon: string; className: string; label: string }> = {
  done: { icon: "✓", className: "bg-emerald-600 text-white", label: "done" },
  active: { icon: "…", className: "animate-pulse bg-blue-600 text-white", label: "in progress" },
  failed: { icon: "✗", className: "bg-red-600 text-white", label: "failed" },
  pending: { icon: "", className: "border border-slate-300 dark:border-slate-600", label: "not started" },
  skipped: { icon: "–", className: "bg-slate-200 text-slate-600 dark:bg-slate-700 dark:text-slate-300", label: "skipped" },
};

const HEALTH_TONES: Record<HealthWait["status"], BadgeTone> = {
  starting: "blue",
  healthy: "green",
  unhealthy: "red",
  exited: "red",
  running: "blue",
  completed: "green",
  failed: "red",
};

function secondsLeft(wait: HealthWait, now: number): number {
  const elapsed = now > wait.receivedAt ? Math.floor((now - wait.receivedAt) / 1000) : 0;
  return Math.max(0, wait.secondsLeft - elapsed);
}

export function DeployStep({
  origin,
  starting,
  onSucceeded,
  onContinue,
  onBackToPlan,
  onDeployAgain,
  onReconnect,
}: {
  origin: DeployOrigin;
  starting: boolean;
  /** Called once when a deploy followed live succeeds. */
  onSucceeded: () => void;
  onContinue: () => void;
  onBackToPlan: () => void;
  onDeployAgain: () => void;
  onReconnect: () => void;
}) {
  const stream = useDeployStream();
  const { outcome, session, stateAtOpen, connection } = stream;
  const live = stateAtOpen === "running";
  const waiting = stream.health.some((h) => h.status === "starting");
  const now = useNow(waiting && !outcome);

  useEffect(() => {
    if (outcome?.type === "succeeded" && live) onSucceeded();
  }, [outcome, live, onSucceeded]);

  if (session === undefined && connection !== "lost") {
    return (
      <div className="space-y-3">
        <Skeleton className="h-48" label="Connecting to the deploy" />
        <Skeleton className="h-16" label="Loading" />
      </div>
    );
  }

  let followNotice: Notice | null = null;
  if (connection === "lost") {
    followNotice = { tone: "error", message: "Could not follow the deploy: the dashboard refused or dropped the event stream.", hint: "Check the config and the dashboard, then try again." };
  } else if (session === null) {
    followNotice =
      origin === "conflict"
        ? {
            tone: "warning",
            message: "A deploy of this project is already running in another process (for example the mycelium deploy command), so this page cannot follow its steps.",
            hint: "The stack status below shows its containers as they come up.",
          }
        : { tone: "info", message: "No deploy has run since the dashboard started.", hint: "Review the plan, then deploy from there." };
  } else if (origin === "conflict" && !live) {
    followNotice = {
      tone: "warning",
      message: "A deploy of this project is already running in another process, so this page cannot follow its steps; below is the last deploy made from here.",
    };
  } else if (live && origin !== "started") {
    followNotice = { tone: "info", message: "A deploy is already running; following it." };
  } else if (connection === "reconnecting") {
    followNotice = { tone: "warning", message: "The connection to the deploy dropped; reconnecting…" };
  }

  const phases = phaseStatuses(stream);
  const lastPhase = stream.phases.at(-1);

  return (
    <div className="space-y-5">
      <NoticeBanner notice={followNotice}>
        {connection === "lost" ? (
          <button type="button" onClick={onReconnect} className="mt-2 rounded border border-current px-2 py-1">
            Try again
          </button>
        ) : null}
        {session === null && origin !== "conflict" ? (
          <button type="button" onClick={onBackToPlan} className="mt-2 rounded border border-current px-2 py-1">
            Go to the plan review
          </button>
        ) : null}
      </NoticeBanner>

      {session ? (
        <>
          <p className="text-sm text-slate-600 dark:text-slate-400">
            Project <span className="font-medium text-slate-900 dark:text-slate-100">{session.project}</span> · started{" "}
            <time dateTime={new Date(session.startedAt).toISOString()}>{new Date(session.startedAt).toLocaleTimeString()}</time>
          </p>
          <p role="status" className="sr-only">
            {outcome ? (outcome.type === "succeeded" ? "Deploy succeeded." : "Deploy failed.") : lastPhase ? lastPhase.message : ""}
          </p>

          <div className="grid gap-5 lg:grid-cols-2">
            <section aria-labelledby="phases-heading" className="space-y-2">
              <h3 id="phases-heading" className="text-sm font-semibold">
                Phases
              </h3>
              <ol className="space-y-1.5" aria-labelledby="phases-heading">
                {phases.map((phase) => {
                  const icon = PHASE_ICONS[phase.status];
                  return (
                    <li key={phase.phase} className="flex items-start gap-2 text-sm" data-status={phase.status} data-testid={`phase-${phase.phase}`}>
                      <span aria-hidden="true" className={`mt-0.5 flex h-5 w-5 shrink-0 items-center justify-center rounded-full text-xs ${icon.className}`}>
                        {icon.icon}
                      </span>
                      <span className="min-w-0">
                        <span className={phase.status === "pending" || phase.status === "skipped" ? "text-slate-500 dark:text-slate-400" : "font-medium"}>
                          {phase.label}
                        </span>
                        <span className="sr-only"> ({icon.label})</span>
                        {phase.message ? <span className="block break-words text-xs text-slate-600 dark:text-slate-400">{phase.message}</span> : null}
                      </span>
                    </li>
                  );
                })}
              </ol>
            </section>

            <div className="space-y-5">
              {stream.pulls.length > 0 ? (
                <section aria-labelledby="pulls-heading" className="space-y-2">
                  <h3 id="pulls-heading" className="text-sm font-semibold">
                    Image downloads
                  </h3>
                  <ul className="space-y-3">
                    {stream.pulls.map((pull) => {
                      const totals = pullTotals(pull);
                      const percent = totals.total > 0 ? Math.round((totals.current / totals.total) * 100) : 0;
                      return (
                        <li key={pull.image} className="space-y-1 text-sm">
                          <div className="flex flex-wrap justify-between gap-2">
                            <code className="break-all">{pull.image}</code>
                            <span className="text-xs text-slate-600 dark:text-slate-400">
                              {totals.total > 0 ? `${formatBytes(totals.current)} of ${formatBytes(totals.total)} · ` : ""}
                              {totals.layersDone}/{totals.layers} layers
                            </span>
                          </div>
                          <div
                            role="progressbar"
                            aria-label={`Downloading ${pull.image}`}
                            aria-valuemin={0}
                            aria-valuemax={100}
                            aria-valuenow={percent}
                            className="h-2 overflow-hidden rounded bg-slate-200 dark:bg-slate-800"
                          >
                            <div className="h-full bg-blue-600 transition-[width] duration-300" style={{ width: `${percent}%` }} />
                          </div>
                          <p className="text-xs text-slate-600 dark:text-slate-400">{pull.status}</p>
                        </li>
                      );
                    })}
                  </ul>
                </section>
              ) : null}

              <section aria-labelledby="containers-heading" className="space-y-2">
                <h3 id="containers-heading" className="text-sm font-semibold">
                  Containers
                </h3>
                {stream.containers.length === 0 ? (
                  <p className="text-sm text-slate-500 dark:text-slate-400">Not reached yet.</p>
                ) : (
                  <ul className="space-y-1 text-sm" aria-labelledby="containers-heading">
                    {stream.containers.map((c) => (
                      <li key={c.service} data-testid={`container-${c.service}`}>
                        <span className="font-medium">{c.service}</span>: {c.message}
                      </li>
                    ))}
                  </ul>
                )}
              </section>

              <section aria-labelledby="health-heading" className="space-y-2">
                <h3 id="health-heading" className="text-sm font-semibold">
                  Health
                </h3>
                {stream.health.length === 0 ? (
                  <p className="text-sm text-slate-500 dark:text-slate-400">Not reached yet.</p>
                ) : (
                  <ul className="space-y-1 text-sm" aria-labelledby="health-heading">
                    {stream.health.map((h) => (
                      <li key={h.service} className="flex flex-wrap items-center gap-2" data-testid={`health-${h.service}`} data-health={h.status}>
                        <span className="font-medium">{h.service}</span>
                        <Badge tone={HEALTH_TONES[h.status]}>{h.status}</Badge>
                        {h.status === "starting" && !outcome ? (
                          <span className="text-xs tabular-nums text-slate-600 dark:text-slate-400">{secondsLeft(h, now || h.receivedAt)} s left</span>
                        ) : null}
                        {h.status === "starting" && h.why && !outcome ? (
                          <span className="basis-full text-xs text-slate-600 dark:text-slate-400" data-testid={`health-why-${h.service}`}>
                            {h.why}
                          </span>
                        ) : null}
                      </li>
                    ))}
                  </ul>
                )}
              </section>

              {stream.warnings.length > 0 ? (
                <section aria-labelledby="deploy-warnings-heading" className="space-y-2">
                  <h3 id="deploy-warnings-heading" className="text-sm font-semibold">
                    Warnings
                  </h3>
                  <ul className="space-y-1 text-sm text-amber-900 dark:text-amber-200">
                    {stream.warnings.map((w) => (
                      <li key={w}>
                        <HintText text={`⚠ ${w}`} />
                      </li>
                    ))}
                  </ul>
                </section>
              ) : null}
            </div>
          </div>

          {outcome?.type === "failed" ? (
            <div role="alert" className="space-y-2 rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900 dark:border-red-900 dark:bg-red-950 dark:text-red-100">
              <p className="font-semibold">Deploy failed: {outcome.error.message}</p>
              {outcome.error.hint ? <HintText text={outcome.error.hint} /> : null}
              {outcome.logTail.length > 0 ? (
                <>
                  <p className="font-medium">Last log lines{outcome.service ? ` of ${outcome.service}` : ""}:</p>
                  <pre
                    tabIndex={0}
                    // The newest line usually says why: show the end of the log first.
                    ref={(pre) => pre?.scrollTo({ top: pre.scrollHeight })}
                    aria-label={`Last log lines${outcome.service ? ` of ${outcome.service}` : ""}`}
                    className="max-h-80 overflow-auto rounded bg-slate-950 p-3 text-xs text-slate-100"
                  >
                    {outcome.logTail.join("\n")}
                  </pre>
                </>
              ) : null}
              <p>
                <Link href="/health" className="font-medium underline">
                  Open the health report
                </Link>{" "}
                for the diagnosis and a one-click fix.
              </p>
            </div>
          ) : null}
          {outcome?.type === "succeeded" ? (
            <NoticeBanner notice={{ tone: "success", message: `✓ ${outcome.message} (${formatDuration(outcome.durationMs)})` }} />
          ) : null}
        </>
      ) : null}

      <div className="flex flex-wrap justify-between gap-2">
        <button type="button" onClick={onBackToPlan} className={buttonSecondary}>
          Back to the plan
        </button>
        {outcome?.type === "failed" ? (
          <button type="button" onClick={onDeployAgain} disabled={starting} className={buttonPrimary}>
            {starting ? "Starting…" : "Deploy again"}
          </button>
        ) : null}
        {outcome?.type === "succeeded" ? (
          <button type="button" onClick={onContinue} className={buttonPrimary}>
            Continue
          </button>
        ) : null}
      </div>
    </div>
  );
}
