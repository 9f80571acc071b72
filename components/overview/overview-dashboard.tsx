"use client";

import dynamic from "next/dynamic";
import Link from "next/link";
import useSWR from "swr";
import type { ConfigResponse, HistoryResponse } from "@/lib/http/api-contract";
import type { ServiceStatus } from "@/lib/deploy/stack-status";
import { isServiceDown, serviceVerdict, type ServiceTone } from "@/lib/stack/service-verdict";
import { fetchJson } from "@/lib/http/api-client";
import { chooseNextStep, type NextStep, type OverviewFacts } from "@/lib/overview/next-step";
import { useStackStatus } from "@/components/stack/use-stack-status";
import { formatUptime } from "@/lib/deploy/format-deploy";
import { TemporalUiLink } from "@/components/connect/temporal-ui-link";
import { describeUpgradeOutcome } from "@/lib/upgrade/format-upgrade";
import { UPGRADE_HISTORY_URL, type UpgradeHistoryResponse } from "@/components/upgrade/upgrade-types";

// Only a deployed stack has something to connect to: its code loads then.
const ConnectPanel = dynamic(() => import("@/components/connect/connect-panel").then((m) => m.ConnectPanel));

const TONES: Record<NextStep["tone"], string> = {
  info: "border-blue-200 bg-blue-50 text-blue-950 dark:border-blue-900 dark:bg-blue-950 dark:text-blue-50",
  warning: "border-amber-200 bg-amber-50 text-amber-950 dark:border-amber-900 dark:bg-amber-950 dark:text-amber-50",
  danger: "border-red-200 bg-red-50 text-red-950 dark:border-red-900 dark:bg-red-950 dark:text-red-50",
  success:
    "border-emerald-200 bg-emerald-50 text-emerald-950 " +
    "dark:border-emerald-900 dark:bg-emerald-950 dark:text-emerald-50",
};

const SECTION = "rounded-lg border border-slate-200 bg-white p-4 text-sm dark:border-slate-800 dark:bg-slate-900";

/** Down or failing; a service still starting or a job still running is on its way, not troubled. */
function isTroubled(service: ServiceStatus): boolean {
  return serviceVerdict(service).tone === "bad";
}

/** The stack at a glance, live from the engine's events, with the one next step to take. */
export function OverviewDashboard() {
  const { data: config } = useSWR<ConfigResponse>("/api/config", fetchJson);
  const { data: history } = useSWR<HistoryResponse>("/api/validate/history?limit=1", fetchJson, {
    shouldRetryOnError: false,
  });
  const latest = history?.entries[0] ?? null;
  const upgradeHistory = config?.valid ? `${UPGRADE_HISTORY_URL}?limit=1` : null;
  const { data: upgrades } = useSWR<UpgradeHistoryResponse>(upgradeHistory, fetchJson, { shouldRetryOnError: false });
  const lastUpgrade = upgrades?.upgrades[0] ?? null;
  const stack = useStackStatus(Boolean(config?.valid));

  const loading = !config || (config.valid && stack.kind === "loading");
  const facts: OverviewFacts | null = loading
    ? null
    : {
        configExists: config.exists,
        configValid: config.valid,
        engineError: stack.kind === "error" ? stack.error : null,
        deployRunning: stack.kind === "live" && stack.status.deploy?.state === "running",
        deployed: stack.kind === "live" && stack.status.deployed,
        troubledServices: stack.kind === "live" ? stack.status.services.filter(isTroubled).map((s) => s.service) : [],
        lastValidation: latest ? { status: latest.status, rootCause: latest.rootCause?.message ?? null } : null,
      };
  const next = facts ? chooseNextStep(facts) : null;
  const services = stack.kind === "live" ? stack.status.services : [];
  const uiDown = isServiceDown(services, "temporal-ui");
  const reusedPostgres = config?.config?.services.postgres.reuse_existing ? config.config.services.postgres : null;

  return (
    <div className="space-y-6">
      {next ? (
        <section
          aria-labelledby="next-step"
          className={`rounded-lg border p-4 ${TONES[next.tone]}`}
          data-testid="next-step"
          data-kind={next.kind}
        >
          <h2 id="next-step" className="text-lg font-semibold">
            {next.title}
          </h2>
          <p className="mt-1 text-sm">{next.description}</p>
          <Link
            href={next.href}
            className={
              "mt-3 inline-block rounded-md bg-slate-900 px-4 py-1.5 text-sm font-medium " +
              "text-white hover:bg-slate-700 dark:bg-white dark:text-slate-900"
            }
          >
            {next.action}
          </Link>
        </section>
      ) : (
        <div className="h-28 animate-pulse rounded-lg bg-slate-200 dark:bg-slate-800" aria-label="Loading" />
      )}

      <section aria-labelledby="services-heading">
        <h2
          id="services-heading"
          className="mb-2 text-sm font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400"
        >
          Services
        </h2>
        {services.length === 0 ? (
          <p
            className={
              "rounded-md border border-dashed border-slate-300 p-4 text-sm " +
              "text-slate-600 dark:border-slate-700 dark:text-slate-400"
            }
          >
            {loading ? "Loading…" : "Nothing is deployed yet."}
          </p>
        ) : (
          <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
            {services.map((service) => (
              <li
                key={service.service}
                className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
                data-testid={`service-${service.service}`}
              >
                <div className="flex items-center justify-between">
                  <h3 className="font-semibold">{service.service}</h3>
                  <HealthBadge service={service} />
                </div>
                <dl
                  className={
                    "mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-xs text-slate-600 dark:text-slate-400"
                  }
                >
                  <dt>Image</dt>
                  <dd className="truncate" title={service.image}>
                    {service.image}
                  </dd>
                  <dt>Ports</dt>
                  <dd>{service.ports.map((p) => `${p.hostIp}:${p.hostPort}`).join(", ") || "—"}</dd>
                  <dt>Uptime</dt>
                  <dd>{formatUptime(service.uptimeSeconds)}</dd>
                  {service.restartCount > 0 ? (
                    <>
                      <dt>Restarts</dt>
                      <dd className="text-amber-700 dark:text-amber-300">{service.restartCount}</dd>
                    </>
                  ) : null}
                  {service.oomKilled ? (
                    <>
                      <dt>Memory</dt>
                      <dd className="text-red-700 dark:text-red-300">killed: out of memory</dd>
                    </>
                  ) : null}
                </dl>
                {service.service === "temporal-ui" ? (
                  <TemporalUiLink down={uiDown} className="mt-2 inline-block" />
                ) : null}
              </li>
            ))}
            {reusedPostgres ? (
              <li
                className={
                  "rounded-lg border border-dashed border-slate-300 " +
                  "bg-white p-4 dark:border-slate-700 dark:bg-slate-900"
                }
                data-testid="service-postgres-reused"
              >
                <div className="flex items-center justify-between">
                  <h3 className="font-semibold">postgres</h3>
                  <span
                    className={
                      "rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium " +
                      "text-slate-800 dark:bg-slate-800 dark:text-slate-200"
                    }
                  >
                    reused
                  </span>
                </div>
                <p className="mt-2 text-xs text-slate-600 dark:text-slate-400">
                  An existing server on port {reusedPostgres.port} (PostgreSQL {reusedPostgres.version}), not run by
                  Mycelium: its health is in the{" "}
                  <Link href="/health" className="underline">
                    health report
                  </Link>
                  .
                </p>
              </li>
            ) : null}
          </ul>
        )}
      </section>

      {facts?.deployed ? <ConnectPanel uiDown={uiDown} /> : null}

      {latest ? (
        <section aria-labelledby="validation-heading" className={SECTION}>
          <h2 id="validation-heading" className="font-semibold">
            Last health report
          </h2>
          <p className="mt-1">
            {latest.status} · {new Date(latest.at).toLocaleString()}
            {latest.rootCause ? ` · ${latest.rootCause.message}` : ""}
          </p>
          <Link href="/health" className="mt-2 inline-block text-blue-700 underline dark:text-blue-300">
            Open the health report
          </Link>
        </section>
      ) : null}

      {lastUpgrade ? (
        <section aria-labelledby="upgrade-heading" className={SECTION}>
          <h2 id="upgrade-heading" className="font-semibold">
            Last upgrade
          </h2>
          <p className="mt-1" data-testid="last-upgrade" data-state={lastUpgrade.state}>
            Temporal {lastUpgrade.from} → {lastUpgrade.to} · {describeUpgradeOutcome(lastUpgrade)} ·{" "}
            {new Date(lastUpgrade.startedAt).toLocaleString()}
          </p>
          <Link href="/upgrade" className="mt-2 inline-block text-blue-700 underline dark:text-blue-300">
            Open the upgrade page
          </Link>
        </section>
      ) : null}
    </div>
  );
}

const HEALTH_BADGE_CLASSES: Record<ServiceTone, string> = {
  ok: "bg-emerald-100 text-emerald-800 dark:bg-emerald-900 dark:text-emerald-100",
  busy: "bg-blue-100 text-blue-800 dark:bg-blue-900 dark:text-blue-100",
  bad: "bg-red-100 text-red-800 dark:bg-red-900 dark:text-red-100",
};

function HealthBadge({ service }: { service: ServiceStatus }) {
  const { label, tone } = serviceVerdict(service);
  return <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${HEALTH_BADGE_CLASSES[tone]}`}>{label}</span>;
}
