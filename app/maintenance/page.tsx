import type { Metadata } from "next";
import { MaintenancePage } from "@/components/maintenance/maintenance-page";

export const metadata: Metadata = { title: "Maintenance · Mycelium" };

export default function Maintenance() {
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold">Maintenance</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Back up Temporal&apos;s databases, restore a backup, change the PostgreSQL password, without losing data, and
          export the stack for Kubernetes.
        </p>
      </div>
      <MaintenancePage />
    </div>
  );
}
