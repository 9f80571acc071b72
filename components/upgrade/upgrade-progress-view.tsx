"use client";

import Link from "next/link";
import { DeployProgressView } from "@/components/deploy/deploy-progress-view";
import { FailureLogTail } from "@/components/deploy/failure-log-tail";
import { CopyableCommand, formatDuration, HintText, NoticeBanner } from "@/components/ui";
import type { StepProgress, StepStage, UpgradeProgress } from "./upgrade-progress-state";

const STAGES: Record<StepStage, { icon: string; className: string; label: string }> = {
  starting: { icon: "…", className: "animate-pulse bg-blue-600 text-white", label: "deploying" },
  validating: { icon: "…", className: "animate-pulse bg-blue-600 text-white", label: "validating" },
  succeeded: { icon: "✓", className: "bg-emerald-600 text-white", label: "healthy" },
  failed: { icon: "✗", className: "bg-red-600 text-white", label: "failed" },
};

const STAGE_ICON = "mt-0.5 flex h-5 w-5 shrink-0 items-center justify-center rounded-full text-xs";
const DEPLOY_BOX = "rounded-md border border-slate-200 p-3 dark:border-slate-800";
const FAILURE_BOX =
  "space-y-2 rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900 " +
  "dark:border-red-900 dark:bg-red-950 dark:text-red-100";

function StepLine({ step, of }: { step: StepProgress; of: number }) {
  const stage = STAGES[step.stage];
  return (
    <li className="flex items-start gap-2 text-sm" data-testid={`upgrade-step-${step.step}`} data-stage={step.stage}>
      <span aria-hidden="true" className={`${STAGE_ICON} ${stage.className}`}>
        {stage.icon}
      </span>
      <span>
        <span className="font-medium">
          Step {step.step} of {of}: Temporal {step.version}
        </span>{" "}
        <span className="text-slate-600 dark:text-slate-400">
          {stage.label}
          {step.durationMs === null ? "" : ` in ${formatDuration(step.durationMs)}`}
        </span>
        {step.stage === "starting" || step.stage === "validating" ? (
          <span className="block text-xs text-slate-600 dark:text-slate-400">{step.message}</span>
        ) : null}
      </span>
    </li>
  );
}

/** The failure in words, the failing step's logs, and the way back to the backup taken first. */
function UpgradeFailure({ outcome }: { outcome: Extract<UpgradeProgress["outcome"], { type: "failed" }> }) {
  return (
    <div role="alert" className={FAILURE_BOX} data-testid="upgrade-failure">
      <p className="font-semibold">Upgrade failed: {outcome.error.message}</p>
      {outcome.error.hint ? <HintText text={outcome.error.hint} /> : null}
      <FailureLogTail service={outcome.service} lines={outcome.logTail} />
      {outcome.restoreCommand ? (
        <div className="space-y-1">
          <p className="font-medium">
            To go back to the data as it was before the upgrade, restore the backup taken first:
          </p>
          <CopyableCommand command={outcome.restoreCommand} />
          <p>
            or restore it from the{" "}
            <Link href="/maintenance#backups" className="font-medium underline">
              backups
            </Link>{" "}
            on the Maintenance page.
          </p>
        </div>
      ) : null}
      <p>
        <Link href="/health" className="font-medium underline">
          Open the health report
        </Link>{" "}
        for the diagnosis.
      </p>
    </div>
  );
}

/** An upgrade as it runs (or as it ended): its phases, each step with its deploy, then the outcome. */
export function UpgradeProgressView({ progress }: { progress: UpgradeProgress }) {
  const { steps, outcome, recovery } = progress;
  const current = outcome ? steps.find((step) => step.stage === "failed") : steps.at(-1);
  const lastPhase = progress.phases.at(-1);
  return (
    <div className="space-y-4" data-testid="upgrade-progress">
      <p role="status" className="sr-only">
        {outcome ? (outcome.type === "succeeded" ? "Upgrade succeeded." : "Upgrade failed.") : (current?.message ?? "")}
      </p>
      {progress.phases.length > 0 ? (
        <ul className="space-y-0.5 text-sm text-slate-600 dark:text-slate-400" aria-label="Upgrade phases">
          {progress.phases.map((phase, index) => (
            <li key={index}>
              {phase === lastPhase && !outcome && steps.length === 0 ? "… " : "✓ "}
              {phase.message}
            </li>
          ))}
        </ul>
      ) : null}
      {steps.length > 0 ? (
        <ol className="space-y-1.5" aria-label="Upgrade steps">
          {steps.map((step) => (
            <StepLine key={step.step} step={step} of={progress.of} />
          ))}
        </ol>
      ) : null}
      {!outcome && progress.of > steps.length ? (
        <p className="text-xs text-slate-600 dark:text-slate-400">
          {progress.of - steps.length} more step{progress.of - steps.length === 1 ? "" : "s"} after this one.
        </p>
      ) : null}
      {current ? (
        <section aria-label={`Step ${current.step} deploy`} className={DEPLOY_BOX}>
          <DeployProgressView progress={current.deploy} />
        </section>
      ) : null}
      {recovery ? (
        <section aria-label="Putting the stack back" className={`space-y-2 ${DEPLOY_BOX}`}>
          <h3 className="text-sm font-semibold">Putting the stack back on the last good step</h3>
          <DeployProgressView progress={recovery} />
        </section>
      ) : null}
      {outcome?.type === "failed" ? <UpgradeFailure outcome={outcome} /> : null}
      {outcome?.type === "succeeded" ? (
        <NoticeBanner
          notice={{ tone: "success", message: `✓ ${outcome.message} (${formatDuration(outcome.durationMs)})` }}
        />
      ) : null}
    </div>
  );
}
