"use client";

import Link from "next/link";
import { useState } from "react";
import useSWR from "swr";
import { buttonSecondary, card } from "@/components/ui";
import { fetchJson } from "@/lib/http/api-client";
import { BackupsPanel } from "./backups-panel";
import { HelmExportPanel } from "./helm-export-panel";
import { BACKUPS_URL, type BackupsResponse } from "./maintenance-types";
import { OperationProgress } from "./operation-progress";
import { RotatePasswordPanel } from "./rotate-password-panel";

/**
 * Backups, the password, upgrades and the Kubernetes export, on one page. While an operation runs (here, in another
 * tab or from a reload) the list is polled every second to show its steps.
 */
export function MaintenancePage() {
  const [busy, setBusy] = useState(false);
  const backups = useSWR<BackupsResponse>(BACKUPS_URL, fetchJson, {
    refreshInterval: (latest) => (busy || latest?.operation?.state === "running" ? 1000 : 0),
    shouldRetryOnError: false,
  });
  const operation = backups.data?.operation ?? null;
  const running = busy || operation?.state === "running";
  return (
    <div className="space-y-6">
      <BackupsPanel backups={backups} onBusyChange={setBusy} />
      <RotatePasswordPanel disabled={running} />
      {operation?.kind === "rotate-password" && operation.state === "running" ? (
        <OperationProgress operation={operation} />
      ) : null}
      <section className={`${card} space-y-3`} aria-labelledby="upgrade-heading">
        <h2 id="upgrade-heading" className="text-lg font-semibold">
          Upgrade Temporal
        </h2>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          See the plan to a newer release (every minor on the way, the schema changes, the images, an estimate), then
          upgrade step by step with a backup taken first. Its own page, so its progress can be left and found again.
        </p>
        <Link href="/upgrade" className={`${buttonSecondary} inline-block`}>
          Plan an upgrade
        </Link>
      </section>
      <HelmExportPanel />
    </div>
  );
}
