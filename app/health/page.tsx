import type { Metadata } from "next";
import { HealthReport } from "@/components/health/health-report";

export const metadata: Metadata = { title: "Health · Mycelium" };

export default function HealthPage() {
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Health report</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Every check of PostgreSQL, Temporal, the UI and how they work together, the root cause of what fails with a
          safe one-click fix, and the namespaces Temporal knows.
        </p>
      </div>
      <HealthReport />
    </div>
  );
}
