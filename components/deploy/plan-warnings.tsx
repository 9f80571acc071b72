"use client";

import { PlanSection } from "./plan-section";

/** The plan's warnings: nothing that stops the deploy, each worth a look. */
export function PlanWarnings({ warnings }: { warnings: string[] }) {
  return (
    <PlanSection headingId="warnings-heading" title="Warnings">
      <ul className="space-y-2">
        {warnings.map((warning) => (
          <li
            key={warning}
            className={
              "rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm " +
              "text-amber-900 dark:border-amber-900 dark:bg-amber-950 dark:text-amber-100"
            }
          >
            ⚠ {warning}
          </li>
        ))}
      </ul>
    </PlanSection>
  );
}
