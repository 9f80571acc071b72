"use client";

import { useId, useState } from "react";
import { card, HintText } from "@/components/ui";
import { TemporalUiLink } from "@/components/connect/temporal-ui-link";
import {
  checkAnchor,
  formatMs,
  groupChecks,
  offersUiLink,
  skipMessage,
  STATUS_ICON,
  uiIsDown,
  type CheckResult,
  type CheckStatus,
  type ValidationReportJson,
} from "./health-model";

function StatusIcon({ status, className = "" }: { status: CheckStatus; className?: string }) {
  const { icon, label, className: tone } = STATUS_ICON[status];
  return (
    <>
      <span aria-hidden="true" className={`inline-flex w-5 shrink-0 justify-center font-semibold ${tone} ${className}`}>
        {icon}
      </span>
      <span className="sr-only">{label}: </span>
    </>
  );
}

function countsText(checks: readonly CheckResult[]): string {
  const counts: Record<CheckStatus, number> = { pass: 0, warn: 0, fail: 0, skip: 0 };
  for (const check of checks) counts[check.status]++;
  const parts = [
    counts.fail ? `${counts.fail} failed` : null,
    counts.warn ? `${counts.warn} warning${counts.warn === 1 ? "" : "s"}` : null,
    counts.skip ? `${counts.skip} skipped` : null,
    counts.pass ? `${counts.pass} passed` : null,
  ];
  return parts.filter(Boolean).join(" · ");
}

/** Every check, grouped by the part of the stack it is about, in the runner's order within a group. */
export function CheckGroups({
  report,
  diagnosisIds,
}: {
  report: ValidationReportJson;
  diagnosisIds: ReadonlySet<string>;
}) {
  const titles = new Map(report.checks.map((c) => [c.id, c.title]));
  const uiDown = uiIsDown(report.checks);
  return (
    <div className="space-y-4">
      {groupChecks(report.checks).map((group) => {
        const headingId = `group-heading-${group.id}`;
        return (
          <section
            key={group.id}
            aria-labelledby={headingId}
            className={card}
            data-testid={`group-${group.id}`}
            data-status={group.status}
          >
            <h3 id={headingId} className="flex flex-wrap items-baseline gap-x-2 text-base font-semibold">
              <StatusIcon status={group.status} />
              <span>{group.label}</span>
              <span className="text-xs font-normal text-slate-600 dark:text-slate-400">{countsText(group.checks)}</span>
            </h3>
            <ul className="mt-2 divide-y divide-slate-100 dark:divide-slate-800">
              {group.checks.map((check) => (
                <CheckRow
                  key={check.id}
                  check={check}
                  skippedBecause={
                    check.skippedBecauseOf ? (titles.get(check.skippedBecauseOf) ?? check.skippedBecauseOf) : null
                  }
                  diagnosisIds={diagnosisIds}
                  uiDown={uiDown}
                />
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}

function CheckRow({
  check,
  skippedBecause,
  diagnosisIds,
  uiDown,
}: {
  check: CheckResult;
  skippedBecause: string | null;
  diagnosisIds: ReadonlySet<string>;
  uiDown: boolean;
}) {
  const [open, setOpen] = useState(false);
  const detailsId = useId();
  const remedyId = check.remedy?.replace(/^#/, "") ?? null;
  const hasDetails = Boolean(check.detail || check.hint || remedyId || skippedBecause || check.dependsOn.length);
  const message = check.status === "skip" ? skipMessage(check) : check.message;
  return (
    <li id={checkAnchor(check.id)} className="py-2" data-testid={`check-${check.id}`} data-status={check.status}>
      <div className="flex items-start gap-2">
        <StatusIcon status={check.status} className="mt-0.5" />
        <div className="min-w-0 flex-1">
          <div className="flex flex-wrap items-baseline justify-between gap-x-3">
            <p className="text-sm font-medium">{check.title}</p>
            <p className="text-xs tabular-nums text-slate-500 dark:text-slate-400">
              <span className="sr-only">took </span>
              {check.status === "skip" ? "–" : formatMs(check.durationMs)}
            </p>
          </div>
          <p
            className={`break-words text-sm ${
              check.status === "skip" ? "text-slate-500 dark:text-slate-400" : "text-slate-700 dark:text-slate-300"
            }`}
            data-testid="check-message"
          >
            {message}
          </p>
          {offersUiLink(check) ? <TemporalUiLink down={uiDown} className="mt-1 inline-block" /> : null}
          {hasDetails ? (
            <button
              type="button"
              aria-expanded={open}
              aria-controls={detailsId}
              onClick={() => setOpen((o) => !o)}
              className="mt-1 rounded text-xs font-medium text-blue-700 hover:underline dark:text-blue-300"
            >
              <span aria-hidden="true">{open ? "▾ " : "▸ "}</span>
              Details<span className="sr-only"> of {check.title}</span>
            </button>
          ) : null}
          <div
            id={detailsId}
            hidden={!open}
            className="mt-2 space-y-2 rounded-md bg-slate-50 p-2 text-xs dark:bg-slate-950"
          >
            {open ? (
              <>
                {check.hint ? (
                  <div>
                    <p className="font-semibold">What to do</p>
                    <HintText text={check.hint} />
                  </div>
                ) : null}
                {check.detail ? (
                  <div>
                    <p className="font-semibold">Detail</p>
                    <pre
                      tabIndex={0}
                      aria-label={`Detail of ${check.title}`}
                      className="max-h-48 overflow-auto whitespace-pre-wrap break-words"
                    >
                      {check.detail}
                    </pre>
                  </div>
                ) : null}
                {skippedBecause ? (
                  <p>
                    Skipped because{" "}
                    <a
                      className="text-blue-700 underline dark:text-blue-300"
                      href={`#${checkAnchor(check.skippedBecauseOf!)}`}
                    >
                      {skippedBecause}
                    </a>{" "}
                    did not pass.
                  </p>
                ) : null}
                {check.dependsOn.length ? (
                  <p className="text-slate-600 dark:text-slate-400">Runs after: {check.dependsOn.join(", ")}</p>
                ) : null}
                {remedyId ? (
                  <p>
                    Troubleshooting:{" "}
                    {diagnosisIds.has(remedyId) ? (
                      <a className="text-blue-700 underline dark:text-blue-300" href={`#${remedyId}`}>
                        {remedyId}
                      </a>
                    ) : (
                      <code>{remedyId}</code>
                    )}
                  </p>
                ) : null}
              </>
            ) : null}
          </div>
        </div>
      </div>
    </li>
  );
}
