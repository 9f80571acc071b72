"use client";

import Link from "next/link";
import type { DeployEvent } from "@/lib/deploy/deploy-events";
import { HintText } from "@/components/ui";
import { FailureLogTail } from "./failure-log-tail";

/** Why the deploy failed, the failing service's last log lines, and the way to the diagnosis. */
export function DeployFailure({ outcome }: { outcome: Extract<DeployEvent, { type: "failed" }> }) {
  return (
    <div
      role="alert"
      className={
        "space-y-2 rounded-md border border-red-200 bg-red-50 p-3 text-sm " +
        "text-red-900 dark:border-red-900 dark:bg-red-950 dark:text-red-100"
      }
    >
      <p className="font-semibold">Deploy failed: {outcome.error.message}</p>
      {outcome.error.hint ? <HintText text={outcome.error.hint} /> : null}
      <FailureLogTail service={outcome.service} lines={outcome.logTail} />
      <p>
        <Link href="/health" className="font-medium underline">
          Open the health report
        </Link>{" "}
        for the diagnosis and a one-click fix.
      </p>
    </div>
  );
}
