"use client";

import type { SWRResponse } from "swr";
import type { DeployPlanResponse } from "./deploy-types";
import { PlanProblem } from "./plan-problem";
import { buttonPrimary, buttonSecondary, NoticeBanner, Skeleton } from "@/components/ui";

export function EngineStep({ plan, onNext }: { plan: SWRResponse<DeployPlanResponse>; onNext: () => void }) {
  if (plan.error && !plan.data) {
    return <PlanProblem error={plan.error} checking={plan.isValidating} onRetry={() => void plan.mutate()} />;
  }
  if (!plan.data) {
    return (
      <div className="space-y-3">
        <Skeleton className="h-14" label="Checking the Docker engine" />
        <Skeleton className="h-16" label="Loading" />
      </div>
    );
  }
  const { engine, deploymentDir, project } = plan.data;
  return (
    <div className="space-y-4">
      <NoticeBanner
        notice={{
          tone: "success",
          message: `✓ Docker ${engine.version} is running (API ${engine.apiVersion}, ${engine.os}/${engine.arch}).`,
        }}
      />
      <dl className="grid gap-x-6 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
        <dt className="text-slate-600 dark:text-slate-400">Project</dt>
        <dd className="font-medium">{project}</dd>
        <dt className="text-slate-600 dark:text-slate-400">Deployment directory</dt>
        <dd>
          <code className="break-all">{deploymentDir}</code>
        </dd>
      </dl>
      <div className="flex flex-wrap justify-between gap-2">
        <button
          type="button"
          onClick={() => void plan.mutate()}
          disabled={plan.isValidating}
          className={buttonSecondary}
        >
          {plan.isValidating ? "Checking…" : "Check again"}
        </button>
        <button type="button" onClick={onNext} className={buttonPrimary}>
          Next: Config review
        </button>
      </div>
    </div>
  );
}
