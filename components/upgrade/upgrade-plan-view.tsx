import { SHAPE_NAMES } from "@/lib/upgrade/format-upgrade";
import { Badge, formatUptime, HintText } from "@/components/ui";
import type { SchemaChange, UpgradePlan } from "./upgrade-types";

const WARNING_BOX =
  "space-y-1 rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-950 " +
  "dark:border-amber-900 dark:bg-amber-950 dark:text-amber-100";

function SchemaLine({ change }: { change: SchemaChange }) {
  return (
    <li>
      <code>{change.database}</code>{" "}
      {change.from === change.to ? (
        <span className="text-slate-600 dark:text-slate-400">{change.to} (unchanged)</span>
      ) : (
        <span className="font-medium">
          {change.from} → {change.to}
        </span>
      )}
    </li>
  );
}

/**
 * The plan before anything changes: every minor on the way, each step's schema changes for
 * both databases, the images it pulls, the shape change, the estimate, the backup and the
 * no-downgrade warning.
 */
export function UpgradePlanView({ plan }: { plan: UpgradePlan }) {
  const count = `${plan.steps.length} step${plan.steps.length === 1 ? "" : "s"}`;
  return (
    <div className="space-y-4" data-testid="upgrade-plan">
      <p className="text-sm">
        Temporal <strong>{plan.from}</strong> → <strong>{plan.to}</strong>: {count}, one minor at a time (the newest
        patch of each), each deployed and validated before the next. About{" "}
        <strong>{formatUptime(plan.estimate.seconds)}</strong>.
      </p>
      <details className="text-xs text-slate-600 dark:text-slate-400">
        <summary className="cursor-pointer">How the estimate is made</summary>
        <p className="mt-1">{plan.estimate.basis}.</p>
      </details>

      <div role="note" aria-label="Warnings" className={WARNING_BOX}>
        {plan.warnings.map((warning) => (
          <HintText key={warning} text={`⚠ ${warning}`} />
        ))}
        <HintText text={`Backup: ${plan.backup.note}`} className="font-medium" />
      </div>

      <ol className="space-y-3" aria-label="Upgrade plan steps">
        {plan.steps.map((step) => (
          <li
            key={step.number}
            className="rounded-md border border-slate-200 p-3 text-sm dark:border-slate-800"
            data-testid={`plan-step-${step.version}`}
          >
            <p className="flex flex-wrap items-center gap-2">
              <span className="font-semibold">
                Step {step.number}: Temporal {step.version}
              </span>
              <Badge tone="slate">{SHAPE_NAMES[step.shape]}</Badge>
              {step.shapeChange ? <Badge tone="amber">shape change</Badge> : null}
              <span className="text-xs text-slate-600 dark:text-slate-400">
                about {formatUptime(step.estimateSeconds)}
              </span>
            </p>
            {step.shapeChange ? (
              <p className="mt-1 text-amber-900 dark:text-amber-200">
                From temporalio/auto-setup to temporalio/server with admin-tools jobs: the schema job migrates, then the
                server starts on the same data.
              </p>
            ) : null}
            <div className="mt-2 grid gap-x-4 gap-y-1 sm:grid-cols-[auto_1fr]">
              <span className="text-slate-600 dark:text-slate-400">Schema</span>
              <ul>
                {step.schema.map((change) => (
                  <SchemaLine key={change.database} change={change} />
                ))}
              </ul>
              <span className="text-slate-600 dark:text-slate-400">Pulls</span>
              <span className="break-all">
                {step.images.length
                  ? step.images.map((image) => (
                      <code key={image} className="mr-2">
                        {image}
                      </code>
                    ))
                  : "nothing new"}
              </span>
            </div>
          </li>
        ))}
      </ol>
    </div>
  );
}
