"use client";

import Link from "next/link";
import useSWR from "swr";
import type { MyceliumConfig } from "@/lib/config/schema";
import { ApiError, fetchJson } from "@/lib/http/api-client";
import { CONFIG_URL, type ConfigResponse } from "./deploy-types";
import { Badge, buttonPrimary, buttonSecondary, NoticeBanner, Skeleton, tableHead } from "@/components/ui";

interface ServiceRow {
  name: string;
  enabled: boolean;
  version: string;
  image: string;
  ports: string;
}

function serviceRows(config: MyceliumConfig): ServiceRow[] {
  const { postgres, temporal, redis } = config.services;
  const uiEnabled = temporal.enabled && temporal.ui_enabled;
  return [
    {
      name: "PostgreSQL",
      enabled: postgres.enabled,
      version: postgres.version,
      image: postgres.image ?? `postgres:${postgres.version}`,
      ports: String(postgres.port),
    },
    {
      name: "Temporal server",
      enabled: temporal.enabled,
      version: temporal.version,
      image: temporal.image ?? `temporalio/auto-setup:${temporal.version}`,
      ports: `${temporal.frontend_port} (gRPC)`,
    },
    {
      name: "Temporal Web UI",
      enabled: uiEnabled,
      version: temporal.ui_version ?? "paired with the server",
      image:
        temporal.ui_image ?? (temporal.ui_version ? `temporalio/ui:${temporal.ui_version}` : "temporalio/ui (paired)"),
      ports: `${temporal.ui_port} (HTTP)`,
    },
    {
      name: "Redis",
      enabled: redis.enabled,
      version: redis.version,
      image: redis.image ?? `redis:${redis.version}`,
      ports: String(redis.port),
    },
  ];
}

/** A short summary of the config that will be deployed, with the way to change it. */
export function ConfigReviewStep({ onBack, onNext }: { onBack: () => void; onNext: () => void }) {
  const { data, error, isValidating, mutate } = useSWR<ConfigResponse>(CONFIG_URL, fetchJson, {
    revalidateOnFocus: true,
  });

  let body;
  if (error && !data) {
    const problem = error instanceof ApiError ? error.body : { message: "Could not load the config.", hint: undefined };
    body = <NoticeBanner notice={{ tone: "error", message: problem.message, hint: problem.hint }} />;
  } else if (!data) {
    body = <Skeleton className="h-56" label="Loading the config" />;
  } else if (!data.exists || !data.valid || !data.config) {
    const errors = data.findings.filter((f) => f.severity === "error").length;
    body = (
      <NoticeBanner
        notice={{
          tone: "error",
          message: data.exists
            ? `The config has ${errors} error${errors === 1 ? "" : "s"}: fix them before deploying.`
            : "There is no config file yet.",
          hint: data.exists
            ? data.findings.find((f) => f.severity === "error")?.message
            : "Create one in the config editor (the defaults work).",
        }}
      />
    );
  } else {
    const config = data.config;
    body = (
      <div className="space-y-4">
        <dl className="grid gap-x-6 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
          <dt className="text-slate-600 dark:text-slate-400">Project</dt>
          <dd className="font-medium" data-testid="config-project">
            {config.project_name}
          </dd>
          <dt className="text-slate-600 dark:text-slate-400">Config file</dt>
          <dd>
            <code className="break-all">{data.path}</code>
          </dd>
          <dt className="text-slate-600 dark:text-slate-400">Ports published on</dt>
          <dd>
            <code>{config.deployment.bind_address}</code>
          </dd>
          <dt className="text-slate-600 dark:text-slate-400">Health wait</dt>
          <dd>
            up to {config.deployment.healthcheck_timeout} s
            {config.deployment.auto_start ? "" : " · containers are created but not started (auto_start: false)"}
          </dd>
        </dl>
        <div className="overflow-x-auto" tabIndex={0} role="group" aria-label="Services table">
          <table className="w-full min-w-[36rem] text-left text-sm">
            <caption className="sr-only">Services in the config</caption>
            <thead className={tableHead}>
              <tr>
                <th scope="col" className="py-1.5 pr-3 font-medium">
                  Service
                </th>
                <th scope="col" className="py-1.5 pr-3 font-medium">
                  Version
                </th>
                <th scope="col" className="py-1.5 pr-3 font-medium">
                  Image
                </th>
                <th scope="col" className="py-1.5 font-medium">
                  Host port
                </th>
              </tr>
            </thead>
            <tbody>
              {serviceRows(config).map((row) => (
                <tr
                  key={row.name}
                  className={
                    `border-b border-slate-100 last:border-0 dark:border-slate-800 ` +
                    `${row.enabled ? "" : "text-slate-400 dark:text-slate-500"}`
                  }
                >
                  <th scope="row" className="py-1.5 pr-3 font-medium">
                    {row.name} {row.enabled ? null : <Badge tone="slate">off</Badge>}
                  </th>
                  <td className="py-1.5 pr-3">{row.version}</td>
                  <td className="py-1.5 pr-3">
                    <code className="break-all">{row.image}</code>
                  </td>
                  <td className="py-1.5">{row.enabled ? row.ports : "–"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    );
  }

  return (
    <div className="space-y-4">
      {body}
      <p className="text-sm text-slate-600 dark:text-slate-400">
        Something to change?{" "}
        <Link href="/config" className="font-medium text-blue-700 underline hover:no-underline dark:text-blue-300">
          Edit the config
        </Link>{" "}
        and come back: this page reads it again.
      </p>
      <div className="flex flex-wrap justify-between gap-2">
        <div className="flex gap-2">
          <button type="button" onClick={onBack} className={buttonSecondary}>
            Back
          </button>
          <button type="button" onClick={() => void mutate()} disabled={isValidating} className={buttonSecondary}>
            {isValidating ? "Reading…" : "Read it again"}
          </button>
        </div>
        <button type="button" onClick={onNext} disabled={!data?.valid} className={buttonPrimary}>
          Next: Detection &amp; decisions
        </button>
      </div>
    </div>
  );
}
