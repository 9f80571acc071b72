import Link from "next/link";
import { connection } from "next/server";
import { resolveConfigPath } from "@/lib/config/config-location";
import { loadConfig } from "@/lib/config/config-service";

export default async function OverviewPage() {
  await connection();
  const configPath = resolveConfigPath();
  const loaded = await loadConfig(configPath);
  const errors = loaded.findings.filter((f) => f.severity === "error").length;
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Overview</h1>
      <section className="rounded-md border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900" aria-labelledby="config-heading">
        <h2 id="config-heading" className="font-semibold">Configuration</h2>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400"><code>{configPath}</code></p>
        <p className="mt-2 text-sm">
          {!loaded.stored.exists
            ? "No config file yet: create one to get started."
            : loaded.valid
              ? `Valid: project ${loaded.config?.project_name}.`
              : `${errors} error${errors === 1 ? "" : "s"} to fix before deploying.`}
        </p>
        <Link href="/config" className="mt-3 inline-block rounded-md bg-blue-600 px-4 py-1.5 text-sm font-medium text-white hover:bg-blue-700">
          {loaded.stored.exists ? "Open the config editor" : "Create a config"}
        </Link>
      </section>
    </div>
  );
}
