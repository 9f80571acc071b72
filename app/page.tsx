import { redirect } from "next/navigation";
import { connection } from "next/server";
import { OverviewDashboard } from "@/components/overview/overview-dashboard";
import { resolveConfigPath } from "@/lib/config/config-location";
import { readStoredConfig } from "@/lib/config/config-store";

export default async function OverviewPage() {
  await connection();
  // A newcomer without a config goes straight into the guided setup.
  if (!(await readStoredConfig(resolveConfigPath())).exists) redirect("/setup");
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">Overview</h1>
      <OverviewDashboard />
    </div>
  );
}
