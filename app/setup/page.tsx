import type { Metadata } from "next";
import { Suspense } from "react";
import { SetupWizard } from "@/components/setup/setup-wizard";

export const metadata: Metadata = { title: "Set up · Mycelium" };

export default function SetupPage() {
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold">Set up your stack</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Four short steps; every default works. You can change anything later in the config editor.
        </p>
      </div>
      <Suspense
        fallback={<div className="h-64 animate-pulse rounded-md bg-slate-200 dark:bg-slate-800" aria-label="Loading" />}
      >
        <SetupWizard />
      </Suspense>
    </div>
  );
}
