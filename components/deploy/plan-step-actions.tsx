"use client";

import type { ReactNode } from "react";
import type { SWRResponse } from "swr";
import { buttonSecondary } from "@/components/ui";

/** The footer of the steps that show the plan: Back and Check again on the left, the step's own action on the right. */
export function PlanStepActions({
  plan,
  onBack,
  children,
}: {
  plan: Pick<SWRResponse<unknown>, "isValidating"> & { mutate: () => unknown };
  onBack: () => void;
  children: ReactNode;
}) {
  return (
    <div className="flex flex-wrap justify-between gap-2">
      <div className="flex gap-2">
        <button type="button" onClick={onBack} className={buttonSecondary}>
          Back
        </button>
        <button
          type="button"
          onClick={() => void plan.mutate()}
          disabled={plan.isValidating}
          className={buttonSecondary}
        >
          {plan.isValidating ? "Checking…" : "Check again"}
        </button>
      </div>
      {children}
    </div>
  );
}
