"use client";

import Link from "next/link";
import { STEPS, stepHref, type StepId } from "./wizard-steps";

/** The steps as links: the current one is marked, the ones before it ticked. */
export function WizardStepper({ current }: { current: StepId }) {
  const currentIndex = STEPS.findIndex((step) => step.id === current);
  return (
    <nav aria-label="Deploy steps">
      <ol className="grid grid-cols-2 gap-2 sm:grid-cols-3 lg:grid-cols-6">
        {STEPS.map((step, index) => {
          const isCurrent = index === currentIndex;
          const isPast = index < currentIndex;
          return (
            <li key={step.id}>
              <Link
                href={stepHref(step.id)}
                scroll={false}
                aria-current={isCurrent ? "step" : undefined}
                className={`flex h-full items-center gap-2 rounded-md border px-3 py-2 text-sm ${
                  isCurrent
                    ? "border-blue-600 bg-blue-50 font-medium text-blue-900 " +
                      "dark:border-blue-400 dark:bg-blue-950 dark:text-blue-100"
                    : "border-slate-200 bg-white text-slate-700 hover:bg-slate-100 " +
                      "dark:border-slate-800 dark:bg-slate-900 dark:text-slate-300 dark:hover:bg-slate-800"
                }`}
              >
                <span
                  aria-hidden="true"
                  className={`flex h-6 w-6 shrink-0 items-center justify-center rounded-full text-xs font-semibold ${
                    isCurrent
                      ? "bg-blue-600 text-white"
                      : isPast
                        ? "bg-emerald-600 text-white"
                        : "bg-slate-200 text-slate-700 dark:bg-slate-700 dark:text-slate-200"
                  }`}
                >
                  {isPast ? "✓" : index + 1}
                </span>
                <span>
                  <span className="sr-only">Step {index + 1}: </span>
                  {step.label}
                </span>
              </Link>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
