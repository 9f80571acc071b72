import type { Metadata } from "next";
import { UpgradePage } from "@/components/upgrade/upgrade-page";

export const metadata: Metadata = { title: "Upgrade Temporal · Mycelium" };

export default function Upgrade() {
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold">Upgrade Temporal</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Move the running stack to a newer Temporal release one minor at a time, each step&apos;s schema migrated,
          deployed and validated, with a backup taken first.
        </p>
      </div>
      <UpgradePage />
    </div>
  );
}
