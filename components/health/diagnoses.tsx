"use client";

import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import { FIX_EFFECT } from "@/lib/diagnose/fix-offers";
import { Badge, buttonPrimary, buttonSecondary, CopyableCommand, HintText, NoticeBanner } from "@/components/ui";
import { checkAnchor, type CheckResult, type Diagnosis, type Fix } from "./health-model";
import type { FixFlow, FixPhase } from "./use-fix-flow";
import { useNow } from "@/components/hooks/use-now";

const highlight = "ring-2 ring-blue-500 ring-offset-2 ring-offset-slate-50 dark:ring-offset-slate-950";

function Commands({ commands, label }: { commands: string[]; label: string }) {
  if (commands.length === 0) return null;
  return (
    <div className="space-y-1.5">
      <p className="text-sm font-semibold">Commands to look closer</p>
      <ul className="space-y-1.5" aria-label={label}>
        {commands.map((command) => (
          <li key={command}>
            <CopyableCommand command={command} />
          </li>
        ))}
      </ul>
    </div>
  );
}

function Evidence({ because }: { because: string[] }) {
  if (because.length === 0) return null;
  return (
    <div>
      <p className="text-sm font-semibold">Seen in the report</p>
      <ul className="mt-1 list-disc space-y-0.5 pl-5 text-xs">
        {because.map((line) => (
          <li key={line} className="break-words">
            {line}
          </li>
        ))}
      </ul>
    </div>
  );
}

function FixButton({ fix, flow, primary }: { fix: Fix; flow: FixFlow; primary: boolean }) {
  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
      {/* aria-disabled, not disabled: the button keeps the focus while the fix runs. */}
      <button
        type="button"
        className={
          `${primary ? buttonPrimary : buttonSecondary} ` + `aria-disabled:cursor-not-allowed aria-disabled:opacity-50`
        }
        aria-disabled={flow.active}
        onClick={() => {
          if (!flow.active) flow.apply(fix);
        }}
        data-testid="fix-button"
        data-fix={fix.kind}
      >
        {fix.label}
      </button>
      <span className="text-xs opacity-80">{FIX_EFFECT[fix.kind]}</span>
    </div>
  );
}

/** The root cause, first on the page: what happened, why, how to look closer, and the fix. */
export function RootCauseBanner({
  diagnosis,
  flow,
  targeted,
  progress,
}: {
  diagnosis: Diagnosis;
  flow: FixFlow;
  targeted: boolean;
  progress: ReactNode;
}) {
  const headingId = useId();
  return (
    <section
      id={diagnosis.id}
      tabIndex={-1}
      aria-labelledby={headingId}
      data-testid="root-cause"
      data-diagnosis={diagnosis.id}
      className={
        `scroll-mt-4 space-y-3 rounded-lg border border-red-200 bg-red-50 p-4 text-red-950 ` +
        `dark:border-red-900 dark:bg-red-950 dark:text-red-50 ${targeted ? highlight : ""}`
      }
    >
      <div role="alert">
        <p className="text-xs font-semibold uppercase tracking-wide text-red-700 dark:text-red-300">Root cause</p>
        <h2 id={headingId} className="text-lg font-semibold">
          {diagnosis.title}
        </h2>
      </div>
      <dl className="grid gap-2 text-sm sm:grid-cols-[8rem_1fr]">
        <dt className="font-semibold">What happened</dt>
        <dd>{diagnosis.whatHappened}</dd>
        <dt className="font-semibold">Why</dt>
        <dd>
          <HintText text={diagnosis.why} />
        </dd>
      </dl>
      <Evidence because={diagnosis.because} />
      <Commands commands={diagnosis.commands} label="Commands for the root cause" />
      {diagnosis.fix ? <FixButton fix={diagnosis.fix} flow={flow} primary /> : null}
      {progress}
    </section>
  );
}

/** A failure no knowledge-base entry explains: the first failing check is the root cause. */
export function RootCheckBanner({ check }: { check: CheckResult }) {
  return (
    <section
      aria-label="Root cause"
      data-testid="root-cause"
      className={
        "space-y-2 rounded-lg border border-red-200 bg-red-50 p-4 " +
        "text-red-950 dark:border-red-900 dark:bg-red-950 dark:text-red-50"
      }
    >
      <div role="alert">
        <p className="text-xs font-semibold uppercase tracking-wide text-red-700 dark:text-red-300">Root cause</p>
        <h2 className="text-lg font-semibold">
          {check.title}: {check.message}
        </h2>
      </div>
      {check.hint ? <HintText text={check.hint} className="text-sm" /> : null}
      <a href={`#${checkAnchor(check.id)}`} className="inline-block text-sm underline">
        See the check
      </a>
    </section>
  );
}

/** Before the first tick (`now` 0) the whole wait is left. */
function secondsLeft(phase: { until: number; ms: number }, now: number): number {
  return now > 0 ? Math.max(0, Math.ceil((phase.until - now) / 1000)) : Math.ceil(phase.ms / 1000);
}

function fixPhaseText(phase: FixPhase): string {
  switch (phase.kind) {
    case "idle":
      return "";
    case "applying":
      return `${phase.fix.label}…`;
    case "deploying":
      return `${phase.message} Following the deploy…`;
    case "waiting":
      return phase.message;
    case "checking":
      return phase.attempt === 1 ? "Running the report again…" : `Running the report again (check ${phase.attempt})…`;
    case "done":
      return phase.message;
  }
}

/** What the fix is doing now, until the report has run again; then how it went. */
export function FixProgress({ flow }: { flow: FixFlow }) {
  const { phase } = flow;
  const now = useNow(phase.kind === "waiting");
  const result = useRef<HTMLDivElement>(null);
  // The banner with the button may be gone (fixed): the focus moves to the outcome, not to the page's top.
  useEffect(() => {
    if (phase.kind === "done" && (document.activeElement === document.body || document.activeElement === null))
      result.current?.focus();
  }, [phase.kind]);
  if (phase.kind === "idle") return null;
  if (phase.kind === "done") {
    return (
      <div data-testid="fix-result" data-tone={phase.tone} ref={result} tabIndex={-1} className="scroll-mt-4">
        <NoticeBanner notice={{ tone: phase.tone, message: phase.message, hint: phase.hint }}>
          <button
            type="button"
            onClick={flow.dismiss}
            className="mt-2 rounded border border-current px-2 py-0.5 text-xs"
          >
            Dismiss
          </button>
        </NoticeBanner>
      </div>
    );
  }
  return (
    <div
      className={
        "flex flex-wrap items-center justify-between gap-3 rounded-md border border-blue-200 bg-blue-50 " +
        "px-3 py-2 text-sm text-blue-950 dark:border-blue-900 dark:bg-blue-950 dark:text-blue-50"
      }
      data-testid="fix-progress"
      data-phase={phase.kind}
      aria-busy="true"
    >
      <div className="min-w-0 space-y-0.5">
        <p role="status" className="font-medium">
          <span
            aria-hidden="true"
            className={
              "mr-2 inline-block h-3 w-3 animate-spin rounded-full " +
              "border-2 border-current border-t-transparent align-[-1px]"
            }
          />
          {fixPhaseText(phase)}
        </p>
        {phase.kind === "deploying" && phase.step ? <p className="truncate text-xs opacity-80">{phase.step}</p> : null}
        {phase.kind === "waiting" ? (
          <p className="text-xs tabular-nums" role="timer" aria-live="off" data-testid="fix-countdown">
            Checking again in {secondsLeft(phase, now)} s
          </p>
        ) : null}
      </div>
      <button type="button" onClick={flow.cancel} className={buttonSecondary}>
        {phase.kind === "deploying" ? "Stop following" : "Cancel"}
      </button>
    </div>
  );
}

/** The other diagnoses, each an anchor (`/health#<id>`); harmless notes say so. */
export function OtherDiagnoses({
  diagnoses,
  flow,
  targetId,
}: {
  diagnoses: Diagnosis[];
  flow: FixFlow;
  targetId: string | null;
}) {
  if (diagnoses.length === 0) return null;
  return (
    <section aria-labelledby="other-diagnoses-heading" className="space-y-2">
      <h2
        id="other-diagnoses-heading"
        className="text-sm font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400"
      >
        Also found
      </h2>
      <ul className="space-y-2">
        {diagnoses.map((diagnosis) => (
          <li key={diagnosis.id}>
            <DiagnosisCard diagnosis={diagnosis} flow={flow} targeted={targetId === diagnosis.id} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function DiagnosisCard({ diagnosis, flow, targeted }: { diagnosis: Diagnosis; flow: FixFlow; targeted: boolean }) {
  const [open, setOpen] = useState(targeted);
  const [wasTargeted, setWasTargeted] = useState(targeted);
  // A link to this diagnosis (`/health#<id>`) opens it.
  if (targeted !== wasTargeted) {
    setWasTargeted(targeted);
    if (targeted) setOpen(true);
  }
  const bodyId = useId();
  return (
    <article
      id={diagnosis.id}
      tabIndex={-1}
      data-testid={`diagnosis-${diagnosis.id}`}
      className={`scroll-mt-4 rounded-md border p-3 text-sm ${
        diagnosis.harmless
          ? "border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900"
          : "border-amber-200 bg-amber-50 text-amber-950 dark:border-amber-900 dark:bg-amber-950 dark:text-amber-50"
      } ${targeted ? highlight : ""}`}
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 className="font-semibold">
          {diagnosis.title} {diagnosis.harmless ? <Badge tone="slate">harmless</Badge> : null}
        </h3>
        <button
          type="button"
          aria-expanded={open}
          aria-controls={bodyId}
          onClick={() => setOpen((o) => !o)}
          className="rounded text-xs font-medium underline"
        >
          {open ? "Hide" : "Show"}
          <span className="sr-only"> {diagnosis.title}</span>
        </button>
      </div>
      <p className="mt-1">{diagnosis.whatHappened}</p>
      <div id={bodyId} hidden={!open} className="mt-2 space-y-2">
        {open ? (
          <>
            <HintText text={diagnosis.why} />
            <Evidence because={diagnosis.because} />
            <Commands commands={diagnosis.commands} label={`Commands for ${diagnosis.title}`} />
            {diagnosis.fix && !diagnosis.harmless ? (
              <FixButton fix={diagnosis.fix} flow={flow} primary={false} />
            ) : null}
          </>
        ) : null}
      </div>
    </article>
  );
}
