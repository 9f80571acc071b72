"use client";

import { useId } from "react";
import { useNow } from "@/components/hooks/use-now";
import { Badge, formatBytes, HintText, type BadgeTone } from "@/components/ui";
import {
  phaseStatuses,
  pullTotals,
  type DeployProgress,
  type HealthWait,
  type PhaseStatus,
} from "./deploy-progress-state";

const PHASE_ICONS: Record<PhaseStatus, { icon: string; className: string; label: string }> = {
  done: { icon: "✓", className: "bg-emerald-600 text-white", label: "done" },
  active: { icon: "…", className: "animate-pulse bg-blue-600 text-white", label: "in progress" },
  failed: { icon: "✗", className: "bg-red-600 text-white", label: "failed" },
  pending: { icon: "", className: "border border-slate-300 dark:border-slate-600", label: "not started" },
  skipped: {
    icon: "–",
    className: "bg-slate-200 text-slate-600 dark:bg-slate-700 dark:text-slate-300",
    label: "skipped",
  },
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

const ICON = "mt-0.5 flex h-5 w-5 shrink-0 items-center justify-center rounded-full text-xs";
const MUTED = "text-slate-500 dark:text-slate-400";

function secondsLeft(wait: HealthWait, now: number): number {
  const elapsed = now > wait.receivedAt ? Math.floor((now - wait.receivedAt) / 1000) : 0;
  return Math.max(0, wait.secondsLeft - elapsed);
}

/** A deploy's phases, image downloads (per layer), containers, health waits and warnings, as they come. */
export function DeployProgressView({ progress }: { progress: DeployProgress }) {
  const id = useId();
  const waiting = progress.health.some((h) => h.status === "starting");
  const now = useNow(waiting && !progress.outcome);
  const phases = phaseStatuses(progress);
  return (
    <div className="grid gap-5 lg:grid-cols-2">
      <section aria-labelledby={`${id}-phases`} className="space-y-2">
        <h3 id={`${id}-phases`} className="text-sm font-semibold">
          Phases
        </h3>
        <ol className="space-y-1.5" aria-labelledby={`${id}-phases`}>
          {phases.map((phase) => {
            const icon = PHASE_ICONS[phase.status];
            return (
              <li
                key={phase.phase}
                className="flex items-start gap-2 text-sm"
                data-status={phase.status}
                data-testid={`phase-${phase.phase}`}
              >
                <span aria-hidden="true" className={`${ICON} ${icon.className}`}>
                  {icon.icon}
                </span>
                <span className="min-w-0">
                  <span className={phase.status === "pending" || phase.status === "skipped" ? MUTED : "font-medium"}>
                    {phase.label}
                  </span>
                  <span className="sr-only"> ({icon.label})</span>
                  {phase.message ? (
                    <span className="block break-words text-xs text-slate-600 dark:text-slate-400">
                      {phase.message}
                    </span>
                  ) : null}
                </span>
              </li>
            );
          })}
        </ol>
      </section>

      <div className="space-y-5">
        {progress.pulls.length > 0 ? (
          <section aria-labelledby={`${id}-pulls`} className="space-y-2">
            <h3 id={`${id}-pulls`} className="text-sm font-semibold">
              Image downloads
            </h3>
            <ul className="space-y-3">
              {progress.pulls.map((pull) => {
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
                      <div
                        className="h-full bg-blue-600 transition-[width] duration-300"
                        style={{ width: `${percent}%` }}
                      />
                    </div>
                    <p className="text-xs text-slate-600 dark:text-slate-400">{pull.status}</p>
                  </li>
                );
              })}
            </ul>
          </section>
        ) : null}

        <section aria-labelledby={`${id}-containers`} className="space-y-2">
          <h3 id={`${id}-containers`} className="text-sm font-semibold">
            Containers
          </h3>
          {progress.containers.length === 0 ? (
            <p className="text-sm text-slate-500 dark:text-slate-400">Not reached yet.</p>
          ) : (
            <ul className="space-y-1 text-sm" aria-labelledby={`${id}-containers`}>
              {progress.containers.map((c) => (
                <li key={c.service} data-testid={`container-${c.service}`}>
                  <span className="font-medium">{c.service}</span>: {c.message}
                </li>
              ))}
            </ul>
          )}
        </section>

        <section aria-labelledby={`${id}-health`} className="space-y-2">
          <h3 id={`${id}-health`} className="text-sm font-semibold">
            Health
          </h3>
          {progress.health.length === 0 ? (
            <p className="text-sm text-slate-500 dark:text-slate-400">Not reached yet.</p>
          ) : (
            <ul className="space-y-1 text-sm" aria-labelledby={`${id}-health`}>
              {progress.health.map((h) => (
                <li
                  key={h.service}
                  className="flex flex-wrap items-center gap-2"
                  data-testid={`health-${h.service}`}
                  data-health={h.status}
                >
                  <span className="font-medium">{h.service}</span>
                  <Badge tone={HEALTH_TONES[h.status]}>{h.status}</Badge>
                  {h.status === "starting" && !progress.outcome ? (
                    <span className="text-xs tabular-nums text-slate-600 dark:text-slate-400">
                      {secondsLeft(h, now || h.receivedAt)} s left
                    </span>
                  ) : null}
                  {h.status === "starting" && h.why && !progress.outcome ? (
                    <span
                      className="basis-full text-xs text-slate-600 dark:text-slate-400"
                      data-testid={`health-why-${h.service}`}
                    >
                      {h.why}
                    </span>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
        </section>

        {progress.warnings.length > 0 ? (
          <section aria-labelledby={`${id}-warnings`} className="space-y-2">
            <h3 id={`${id}-warnings`} className="text-sm font-semibold">
              Warnings
            </h3>
            <ul className="space-y-1 text-sm text-amber-900 dark:text-amber-200">
              {progress.warnings.map((w) => (
                <li key={w}>
                  <HintText text={`⚠ ${w}`} />
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </div>
    </div>
  );
}
