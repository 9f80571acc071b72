"use client";

import type { PlanBlocker, PortListener } from "@/lib/plan/deployment-plan";
import { buttonSecondary, NoticeBanner } from "@/components/ui";
import { PlanSection } from "./plan-section";

/** The PostgreSQL already running that Temporal will use, what stops it, and the way back to a container. */
export function ReusedPostgresSection({
  reusedPostgres,
  blockers,
  busy,
  onRunInContainer,
}: {
  reusedPostgres: PortListener | null;
  blockers: PlanBlocker[];
  busy: string | null;
  onRunInContainer: () => void;
}) {
  return (
    <PlanSection headingId="reuse-heading" title="Existing PostgreSQL">
      {reusedPostgres ? (
        <p
          className={
            "rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm " +
            "text-emerald-900 dark:border-emerald-900 dark:bg-emerald-950 dark:text-emerald-100"
          }
        >
          ✓ Temporal will use {reusedPostgres.description} on port {reusedPostgres.port}. Mycelium creates no PostgreSQL
          container for it, and does not back it up.
        </p>
      ) : null}
      {blockers.map((blocker) => (
        <NoticeBanner
          key={blocker.message}
          live={false}
          notice={{ tone: "error", message: blocker.message, hint: blocker.hint }}
        />
      ))}
      <button type="button" onClick={onRunInContainer} disabled={busy !== null} className={buttonSecondary}>
        {busy === "own-postgres" ? "Saving…" : "Run PostgreSQL in a container instead"}
      </button>
    </PlanSection>
  );
}
