"use client";

import { useId, useRef, useState, type KeyboardEvent } from "react";
import type { SWRResponse } from "swr";
import type { DeployPlanResponse } from "./deploy-types";
import { PlanProblem } from "./plan-problem";
import { buttonPrimary, NoticeBanner, Skeleton, type Notice } from "@/components/ui";
import { PlanStepActions } from "./plan-step-actions";

function FileTabs({ files }: { files: DeployPlanResponse["files"] }) {
  const [selected, setSelected] = useState(0);
  const tabs = useRef<(HTMLButtonElement | null)[]>([]);
  const baseId = useId();
  const index = Math.min(selected, files.length - 1);
  const file = files[index];

  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    const moves: Record<string, number> = {
      ArrowRight: index + 1,
      ArrowLeft: index - 1,
      Home: 0,
      End: files.length - 1,
    };
    if (!(event.key in moves)) return;
    event.preventDefault();
    const next = (moves[event.key]! + files.length) % files.length;
    setSelected(next);
    tabs.current[next]?.focus();
  };

  if (!file) return null;
  return (
    <div>
      <div
        role="tablist"
        aria-label="Generated files"
        className="flex flex-wrap gap-1 border-b border-slate-200 dark:border-slate-800"
      >
        {files.map((f, i) => (
          <button
            key={f.path}
            ref={(element) => {
              tabs.current[i] = element;
            }}
            type="button"
            role="tab"
            id={`${baseId}-tab-${i}`}
            aria-selected={i === index}
            aria-controls={`${baseId}-panel`}
            tabIndex={i === index ? 0 : -1}
            onClick={() => setSelected(i)}
            onKeyDown={onKeyDown}
            className={`-mb-px rounded-t-md border px-3 py-1.5 font-mono text-xs ${
              i === index
                ? "border-slate-200 border-b-white bg-white font-semibold " +
                  "dark:border-slate-800 dark:border-b-slate-900 dark:bg-slate-900"
                : "border-transparent text-slate-600 hover:bg-slate-100 dark:text-slate-400 dark:hover:bg-slate-800"
            }`}
          >
            {f.path}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${baseId}-panel`} aria-labelledby={`${baseId}-tab-${index}`}>
        <pre
          tabIndex={0}
          aria-label={`Contents of ${file.path}`}
          className={
            "max-h-[28rem] overflow-auto rounded-b-md border border-t-0 border-slate-200 " +
            "bg-slate-50 p-3 text-xs leading-relaxed dark:border-slate-800 dark:bg-slate-950"
          }
        >
          {file.content}
        </pre>
      </div>
    </div>
  );
}

export function PlanReviewStep({
  plan,
  starting,
  startError,
  onBack,
  onFixConflicts,
  onDeploy,
}: {
  plan: SWRResponse<DeployPlanResponse>;
  starting: boolean;
  startError: Notice | null;
  onBack: () => void;
  onFixConflicts: () => void;
  onDeploy: () => void;
}) {
  if (plan.error && !plan.data)
    return <PlanProblem error={plan.error} checking={plan.isValidating} onRetry={() => void plan.mutate()} />;
  if (!plan.data) {
    return (
      <div className="space-y-3">
        <Skeleton className="h-16" label="Making the plan" />
        <Skeleton className="h-72" label="Loading" />
      </div>
    );
  }
  const { project, deploymentDir, dbPlugin, engine, services, portConflicts, blockers, files } = plan.data;
  const counts = services.reduce<Record<string, number>>(
    (acc, s) => ({ ...acc, [s.action]: (acc[s.action] ?? 0) + 1 }),
    {},
  );
  const blocked = portConflicts.length > 0 || blockers.length > 0;
  const problems = [
    portConflicts.length ? `${portConflicts.length} port conflict${portConflicts.length === 1 ? "" : "s"}` : null,
    ...blockers.map((blocker) => blocker.message),
  ].filter(Boolean);

  return (
    <div className="space-y-5">
      <dl className="grid gap-x-6 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
        <dt className="text-slate-600 dark:text-slate-400">Project</dt>
        <dd className="font-medium">{project}</dd>
        <dt className="text-slate-600 dark:text-slate-400">Deployment directory</dt>
        <dd>
          <code className="break-all" data-testid="deployment-dir">
            {deploymentDir}
          </code>
        </dd>
        <dt className="text-slate-600 dark:text-slate-400">Temporal DB plugin</dt>
        <dd>
          <code data-testid="db-plugin">{dbPlugin}</code>
        </dd>
        <dt className="text-slate-600 dark:text-slate-400">Docker engine</dt>
        <dd>
          {engine.version} ({engine.os}/{engine.arch})
        </dd>
        <dt className="text-slate-600 dark:text-slate-400">Containers</dt>
        <dd>
          {Object.entries(counts)
            .map(([action, count]) => `${count} to ${action}`)
            .join(", ") || "none"}
        </dd>
      </dl>

      <section aria-labelledby="files-heading" className="space-y-2">
        <h3 id="files-heading" className="text-sm font-semibold">
          Files written to the deployment directory
        </h3>
        <p className="text-xs text-slate-600 dark:text-slate-400">
          A portable <code>docker-compose.yml</code>: <code>docker compose -p {project} ps</code> sees the same stack.
          The password stays in <code>.env</code> (mode 0600) and is never shown here.
        </p>
        <FileTabs files={files} />
      </section>

      {blocked ? (
        <NoticeBanner
          live={false}
          notice={{
            tone: "warning",
            message: `Resolve before deploying: ${problems.join(" ")}`,
          }}
        >
          <button type="button" onClick={onFixConflicts} className="mt-2 rounded border border-current px-2 py-1">
            Go to the detection results
          </button>
        </NoticeBanner>
      ) : null}
      <NoticeBanner notice={startError} />

      <PlanStepActions plan={plan} onBack={onBack}>
        <button
          type="button"
          onClick={onDeploy}
          disabled={blocked || starting || plan.isValidating}
          aria-describedby={blocked ? "deploy-blocked" : undefined}
          className={buttonPrimary}
        >
          {starting ? "Starting…" : "Deploy"}
        </button>
        {blocked ? (
          <span id="deploy-blocked" className="sr-only">
            Deploying is disabled until the problems above are resolved.
          </span>
        ) : null}
      </PlanStepActions>
    </div>
  );
}
