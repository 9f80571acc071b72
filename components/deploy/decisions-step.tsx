"use client";

import type { SWRResponse } from "swr";
import useSWR from "swr";
import { fetchJson } from "@/lib/http/api-client";
import { buttonPrimary, Skeleton } from "@/components/ui";
import { CONFIG_URL, type ConfigResponse, type DeployPlanResponse } from "./deploy-types";
import { PlanProblem } from "./plan-problem";
import { PlanStepActions } from "./plan-step-actions";
import { PlanWarnings } from "./plan-warnings";
import { PlannedServicesTable } from "./planned-services-table";
import { PortConflictsSection } from "./port-conflicts-section";
import { ReusedPostgresSection } from "./reused-postgres-section";
import { useDecisionEdits } from "./use-decision-edits";

/** What the plan needs decided before the review: the containers, taken ports, a PostgreSQL to reuse, warnings. */
export function DecisionsStep({
  plan,
  onBack,
  onNext,
}: {
  plan: SWRResponse<DeployPlanResponse>;
  onBack: () => void;
  onNext: () => void;
}) {
  const config = useSWR<ConfigResponse>(CONFIG_URL, fetchJson);
  const { busy, notice, saveEdits, adoptPorts, onReused } = useDecisionEdits(plan, config);

  if (plan.error && !plan.data)
    return <PlanProblem error={plan.error} checking={plan.isValidating} onRetry={() => void plan.mutate()} />;
  if (!plan.data) {
    return (
      <div className="space-y-3">
        <Skeleton className="h-32" label="Detecting containers and ports" />
        <Skeleton className="h-20" label="Loading" />
      </div>
    );
  }
  const { services, portConflicts, portFixEdits, reusedPostgres, blockers, warnings } = plan.data;
  const reusing = config.data?.config?.services.postgres.reuse_existing ?? reusedPostgres !== null;

  return (
    <div className="space-y-5" aria-busy={plan.isValidating}>
      <PlannedServicesTable services={services} />

      <PortConflictsSection
        portConflicts={portConflicts}
        portFixEdits={portFixEdits}
        busy={busy}
        notice={notice}
        postgresUser={config.data?.config?.services.postgres.user ?? "postgres"}
        onAdoptPorts={adoptPorts}
        onReused={onReused}
      />

      {reusing ? (
        <ReusedPostgresSection
          reusedPostgres={reusedPostgres}
          blockers={blockers}
          busy={busy}
          onRunInContainer={() =>
            void saveEdits(
              { "services.postgres.reuse_existing": false },
              "own-postgres",
              "PostgreSQL runs in a container again",
            )
          }
        />
      ) : null}

      {warnings.length > 0 ? <PlanWarnings warnings={warnings} /> : null}

      <PlanStepActions plan={plan} onBack={onBack}>
        <button type="button" onClick={onNext} className={buttonPrimary}>
          Next: Plan review
        </button>
      </PlanStepActions>
    </div>
  );
}
