import type { Metadata } from "next";
import { Suspense } from "react";
import { DeployWizard } from "@/components/deploy/deploy-wizard";

export const metadata: Metadata = { title: "Deploy · Mycelium" };

function WizardSkeleton() {
  return (
    <div className="space-y-6" aria-busy="true">
      <div className="grid grid-cols-2 gap-2 sm:grid-cols-3 lg:grid-cols-6">
        {Array.from({ length: 6 }, (_, i) => (
          <div key={i} className="h-10 animate-pulse rounded-md bg-slate-200 dark:bg-slate-800" />
        ))}
      </div>
      <div className="h-64 animate-pulse rounded-md bg-slate-200 dark:bg-slate-800" />
      <div className="h-32 animate-pulse rounded-md bg-slate-200 dark:bg-slate-800" />
    </div>
  );
}

export default function DeployPage() {
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Deploy</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Check the engine, review what will happen, then deploy PostgreSQL and Temporal on your Docker engine and watch
          every container come up healthy.
        </p>
      </div>
      {/* The step is read from the URL on the client. */}
      <Suspense fallback={<WizardSkeleton />}>
        <DeployWizard />
      </Suspense>
    </div>
  );
}
