"use client";

import { useState } from "react";
import useSWR from "swr";
import { fetchJson } from "@/lib/http/api-client";
import { BackupsPanel } from "./backups-panel";
import { BACKUPS_URL, type BackupsResponse } from "./maintenance-types";
import { OperationProgress } from "./operation-progress";
import { RotatePasswordPanel } from "./rotate-password-panel";

/**
 * Backups and the password, on one page. While an operation runs (here, in another tab or
 * from a reload) the list is polled every second to show its steps.
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
      {operation?.kind === "rotate-password" && operation.state === "running" ? <OperationProgress operation={operation} /> : null}
    </div>
  );
}
