"use client";

import dynamic from "next/dynamic";
import Link from "next/link";
import type { SWRResponse } from "swr";
import type { StatusResponse } from "./deploy-types";
import { isServiceDown, serviceVerdict } from "@/lib/stack/service-verdict";
import { TemporalUiLink } from "@/components/connect/temporal-ui-link";
import { VERDICT_TONES } from "./stack-status-model";
import { Badge, buttonPrimary, buttonSecondary, formatDuration, NoticeBanner, Skeleton } from "@/components/ui";

// What comes after a deploy: loaded with the Done step, not with the wizard's first steps.
const ConnectPanel = dynamic(() => import("@/components/connect/connect-panel").then((m) => m.ConnectPanel));

/** The end of the wizard, read from the engine and the last deploy: a reload shows the same. */
export function DoneStep({
  status,
  onFollowDeploy,
  onStartOver,
}: {
  status: SWRResponse<StatusResponse>;
  onFollowDeploy: () => void;
  onStartOver: () => void;
}) {
  if (status.error && !status.data) {
    return (
      <NoticeBanner
        notice={{
          tone: "error",
          message: "Could not read the stack's status.",
          hint: "Check that Docker is running, then reload.",
        }}
      />
    );
  }
  if (!status.data) return <Skeleton className="h-40" label="Reading the stack's status" />;
  const { deploy, services, project, deployed } = status.data;

  if (deploy?.state === "running") {
    return (
      <NoticeBanner notice={{ tone: "info", message: "The deploy is still running." }}>
        <button type="button" onClick={onFollowDeploy} className="mt-2 rounded border border-current px-2 py-1">
          Follow it
        </button>
      </NoticeBanner>
    );
  }
  if (deploy?.state === "failed") {
    return (
      <NoticeBanner notice={{ tone: "error", message: "The last deploy failed." }}>
        <button type="button" onClick={onFollowDeploy} className="mt-2 rounded border border-current px-2 py-1">
          See what happened
        </button>
      </NoticeBanner>
    );
  }
  if (!deployed) {
    return (
      <NoticeBanner notice={{ tone: "info", message: `Project ${project} is not deployed.` }}>
        <button type="button" onClick={onStartOver} className="mt-2 rounded border border-current px-2 py-1">
          Start the wizard
        </button>
      </NoticeBanner>
    );
  }

  const last = deploy?.lastEvent?.type === "succeeded" ? deploy.lastEvent : null;
  const allHealthy = services.every((s) => serviceVerdict(s).tone === "ok");
  const uiDown = isServiceDown(services, "temporal-ui");
  return (
    <div className="space-y-5">
      <div
        role="status"
        className={
          "rounded-md border border-emerald-200 bg-emerald-50 px-4 py-3 text-emerald-900 " +
          "dark:border-emerald-900 dark:bg-emerald-950 dark:text-emerald-100"
        }
      >
        <p className="text-base font-semibold">
          {last ? `✓ ${project} is deployed. ${last.message}` : `✓ ${project} is deployed.`}
        </p>
        {last ? (
          <p className="text-sm" data-testid="deploy-duration">
            The deploy took {formatDuration(last.durationMs)}.
          </p>
        ) : null}
        {!allHealthy ? (
          <p className="text-sm">Not every container is healthy right now: see the stack status below.</p>
        ) : null}
      </div>
      <ul className="grid gap-2 sm:grid-cols-2 lg:grid-cols-3" aria-label="Deployed containers">
        {services.map((s) => {
          return (
            <li
              key={s.containerName}
              className="rounded-md border border-slate-200 px-3 py-2 text-sm dark:border-slate-800"
              data-testid={`done-${s.service}`}
            >
              <p className="font-medium">{s.service}</p>
              <p className="flex flex-wrap items-center gap-2 text-xs text-slate-600 dark:text-slate-400">
                <code className="break-all">{s.containerName}</code>
                <Badge tone={VERDICT_TONES[serviceVerdict(s).tone]}>{s.state}</Badge>
                {serviceVerdict(s).label !== s.state ? (
                  <Badge tone={VERDICT_TONES[serviceVerdict(s).tone]}>{serviceVerdict(s).label}</Badge>
                ) : null}
              </p>
            </li>
          );
        })}
      </ul>
      <div className="flex flex-wrap items-center gap-2">
        <Link href="/health" className={buttonPrimary}>
          Open the health report
        </Link>
        <Link href="/" className={buttonSecondary}>
          Back to the overview
        </Link>
        <TemporalUiLink down={uiDown} className="text-sm" />
      </div>
      <ConnectPanel uiDown={uiDown} />
    </div>
  );
}
