"use client";

import Link from "next/link";
import { useState } from "react";
import type { SWRResponse } from "swr";
import useSWR, { useSWRConfig } from "swr";
import type { ConfigEdits } from "@/lib/config/config-edits";
import type { ServiceAction } from "@/lib/plan/deployment-plan";
import { fetchJson } from "@/lib/http/api-client";
import { applyConfigEdits } from "./apply-config-edits";
import { CONFIG_URL, type ConfigResponse, type DeployPlanResponse, type ReusePostgresResponse } from "./deploy-types";
import { ReusePostgresForm } from "./reuse-postgres-form";
import { PlanProblem } from "./plan-problem";
import { Badge, buttonPrimary, buttonSecondary, errorNotice, NoticeBanner, Skeleton, type BadgeTone, type Notice } from "@/components/ui";
import { PlanStepActions } from "./plan-step-actions";

export const ACTION_TONES: Record<ServiceAction, BadgeTone> = {
  create: "blue",
  recreate: "amber",
  start: "blue",
  keep: "green",
  remove: "red",
  reuse: "green",
};

export function DecisionsStep({ plan, onBack, onNext }: { plan: SWRResponse<DeployPlanResponse>; onBack: () => void; onNext: () => void }) {
  const { mutate: mutateKey } = useSWRConfig();
  const [busy, setBusy] = useState<string | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [reuseFormOpen, setReuseFormOpen] = useState(false);
  const config = useSWR<ConfigResponse>(CONFIG_URL, fetchJson);

  if (plan.error && !plan.data) return <PlanProblem error={plan.error} checking={plan.isValidating} onRetry={() => void plan.mutate()} />;
  if (!plan.data) {
    return (
      <div className="space-y-3">
        <Skeleton className="h-32" label="Detecting containers and ports" />
        <Skeleton className="h-20" label="Loading" />
      </div>
    );
  }
  const { services, portConflicts, portFixEdits, reusedPostgres, blockers, warnings } = plan.data;
  const fixable = Object.keys(portFixEdits).length;
  const reusing = config.data?.config?.services.postgres.reuse_existing ?? reusedPostgres !== null;

  const saveEdits = async (edits: ConfigEdits, id: string, describe: string) => {
    setBusy(id);
    setNotice(null);
    try {
      const saved = await applyConfigEdits(edits);
      await mutateKey(CONFIG_URL, saved, { revalidate: false });
      await plan.mutate();
      setNotice({ tone: "success", message: `Config saved: ${describe}. Checked again.` });
    } catch (error) {
      setNotice(errorNotice(error, "The config could not be changed."));
    } finally {
      setBusy(null);
    }
  };
  const adoptPorts = (edits: Record<string, number>, id: string) =>
    saveEdits(edits, id, Object.entries(edits).map(([field, port]) => `${field} is now ${port}`).join(", "));

  const onReused = async (report: ReusePostgresResponse) => {
    setReuseFormOpen(false);
    await Promise.all([config.mutate(), plan.mutate()]);
    setNotice({
      tone: "success",
      message: `Reusing PostgreSQL ${report.version} on port ${report.port}: the login works from containers too (${report.dockerHostAddress}). Password kept in .env.`,
      hint: report.warnings.join(" ") || undefined,
    });
  };

  return (
    <div className="space-y-5" aria-busy={plan.isValidating}>
      <section aria-labelledby="services-heading" className="space-y-2">
        <h3 id="services-heading" className="text-sm font-semibold">
          Containers
        </h3>
        <div className="overflow-x-auto" tabIndex={0} role="group" aria-label="Planned containers">
          <table className="w-full min-w-[36rem] text-left text-sm" aria-labelledby="services-heading">
            <thead className="border-b border-slate-200 text-xs uppercase text-slate-500 dark:border-slate-800 dark:text-slate-400">
              <tr>
                <th scope="col" className="py-1.5 pr-3 font-medium">Service</th>
                <th scope="col" className="py-1.5 pr-3 font-medium">Action</th>
                <th scope="col" className="py-1.5 pr-3 font-medium">Why</th>
                <th scope="col" className="py-1.5 font-medium">Container · image</th>
              </tr>
            </thead>
            <tbody>
              {services.map((service) => (
                <tr key={service.containerName} className="border-b border-slate-100 last:border-0 dark:border-slate-800" data-testid={`plan-${service.service}`}>
                  <th scope="row" className="py-1.5 pr-3 font-medium">{service.service}</th>
                  <td className="py-1.5 pr-3">
                    <Badge tone={ACTION_TONES[service.action]}>{service.action}</Badge>
                  </td>
                  <td className="py-1.5 pr-3">{service.reason}</td>
                  <td className="py-1.5">
                    <code className="break-all">{service.containerName}</code>
                    {service.image ? <span className="block text-xs text-slate-500 dark:text-slate-400">{service.image}</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="ports-heading" className="space-y-2">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h3 id="ports-heading" className="text-sm font-semibold">
            Ports
          </h3>
          {fixable > 1 ? (
            <button type="button" onClick={() => void adoptPorts(portFixEdits, "all")} disabled={busy !== null} className={buttonSecondary}>
              {busy === "all" ? "Saving…" : "Use all the proposed ports"}
            </button>
          ) : null}
        </div>
        <NoticeBanner notice={notice} />
        {portConflicts.length === 0 ? (
          <p className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900 dark:border-emerald-900 dark:bg-emerald-950 dark:text-emerald-100">
            ✓ No port conflicts: every port the stack needs is free (or already held by this stack).
          </p>
        ) : (
          <ul className="space-y-2" aria-label="Port conflicts">
            {portConflicts.map((conflict) => (
              <li
                key={conflict.field}
                className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-950 dark:border-amber-900 dark:bg-amber-950 dark:text-amber-50"
              >
                <p>
                  <span className="font-medium">Port {conflict.port}</span> ({conflict.service}, <code>{conflict.field}</code>) is taken by{" "}
                  <span className="font-medium">{conflict.listener.description}</span>.
                </p>
                {conflict.proposedPort !== null ? (
                  <div className="mt-2 flex flex-wrap items-center gap-2">
                    <span>Port {conflict.proposedPort} is free.</span>
                    <button
                      type="button"
                      onClick={() => void adoptPorts({ [conflict.field]: conflict.proposedPort! }, conflict.field)}
                      disabled={busy !== null}
                      className={buttonSecondary}
                    >
                      {busy === conflict.field ? "Saving…" : `Use port ${conflict.proposedPort} instead`}
                    </button>
                    {conflict.reusable ? (
                      <button type="button" onClick={() => setReuseFormOpen(true)} disabled={busy !== null || reuseFormOpen} className={buttonSecondary}>
                        Reuse this PostgreSQL…
                      </button>
                    ) : null}
                  </div>
                ) : (
                  <p className="mt-1">
                    No free port nearby: stop what holds it, or{" "}
                    <Link href="/config" className="underline">
                      pick another port in the config
                    </Link>
                    .
                  </p>
                )}
                {conflict.reusable && reuseFormOpen ? (
                  <ReusePostgresForm
                    port={conflict.port}
                    defaultUser={config.data?.config?.services.postgres.user ?? "postgres"}
                    onReused={onReused}
                    onCancel={() => setReuseFormOpen(false)}
                  />
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      {reusing ? (
        <section aria-labelledby="reuse-heading" className="space-y-2">
          <h3 id="reuse-heading" className="text-sm font-semibold">
            Existing PostgreSQL
          </h3>
          {reusedPostgres ? (
            <p className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900 dark:border-emerald-900 dark:bg-emerald-950 dark:text-emerald-100">
              ✓ Temporal will use {reusedPostgres.description} on port {reusedPostgres.port}. Mycelium creates no PostgreSQL container for it, and
              does not back it up.
            </p>
          ) : null}
          {blockers.map((blocker) => (
            <NoticeBanner key={blocker.message} live={false} notice={{ tone: "error", message: blocker.message, hint: blocker.hint }} />
          ))}
          <button
            type="button"
            onClick={() => void saveEdits({ "services.postgres.reuse_existing": false }, "own-postgres", "PostgreSQL runs in a container again")}
            disabled={busy !== null}
            className={buttonSecondary}
          >
            {busy === "own-postgres" ? "Saving…" : "Run PostgreSQL in a container instead"}
          </button>
        </section>
      ) : null}

      {warnings.length > 0 ? (
        <section aria-labelledby="warnings-heading" className="space-y-2">
          <h3 id="warnings-heading" className="text-sm font-semibold">
            Warnings
          </h3>
          <ul className="space-y-2">
            {warnings.map((warning) => (
              <li
                key={warning}
                className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-900 dark:bg-amber-950 dark:text-amber-100"
              >
                ⚠ {warning}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <PlanStepActions plan={plan} onBack={onBack}>
        <button type="button" onClick={onNext} className={buttonPrimary}>
          Next: Plan review
        </button>
      </PlanStepActions>
    </div>
  );
}
