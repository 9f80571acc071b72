import type { SetupValues } from "./setup-values";

/** What each form step of the setup gets from the wizard. */
export interface SetupStepProps {
  values: SetupValues;
  update(patch: Partial<SetupValues>): void;
  onBack(): void;
  onNext(): void;
}

export const setupInputClass =
  "mt-1 w-full rounded-md border border-slate-300 bg-white px-3 py-1.5 dark:border-slate-700 dark:bg-slate-900";
