"use client";

import type { MaintenanceOperation } from "./maintenance-types";

const KIND_LABEL: Record<MaintenanceOperation["kind"], string> = {
  backup: "Backup",
  restore: "Restore",
  "rotate-password": "Password change",
};

/** The steps of the running (or just finished) operation, newest last, announced politely. */
export function OperationProgress({ operation }: { operation: MaintenanceOperation }) {
  const running = operation.state === "running";
  return (
    <div
      className={
        "rounded-md border border-blue-200 bg-blue-50 px-3 py-2 text-sm " +
        "text-blue-950 dark:border-blue-900 dark:bg-blue-950 dark:text-blue-100"
      }
      data-testid="operation-progress"
    >
      <p className="font-medium">
        {KIND_LABEL[operation.kind]}{" "}
        {running ? "in progress…" : operation.state === "succeeded" ? "finished." : "failed."}
      </p>
      <ol className="mt-1 list-inside list-decimal space-y-0.5" aria-live="polite">
        {operation.steps.map((step, index) => (
          <li
            key={`${step.at}-${index}`}
            className={
              running && index === operation.steps.length - 1 ? "font-medium" : "text-blue-900/80 dark:text-blue-100/80"
            }
          >
            {step.message}
          </li>
        ))}
      </ol>
    </div>
  );
}
