"use client";

import Link from "next/link";
import { useState } from "react";
import type { PortConflict } from "@/lib/plan/deployment-plan";
import { buttonSecondary, NoticeBanner, type Notice } from "@/components/ui";
import type { ReusePostgresResponse } from "./deploy-types";
import { PlanSection } from "./plan-section";
import { ReusePostgresForm } from "./reuse-postgres-form";

/** The ports the stack needs: each one taken with a free one to use instead, or the PostgreSQL on it to reuse. */
export function PortConflictsSection({
  portConflicts,
  portFixEdits,
  busy,
  notice,
  postgresUser,
  onAdoptPorts,
  onReused,
}: {
  portConflicts: PortConflict[];
  portFixEdits: Record<string, number>;
  /** The id of the config change being saved: "all", or the field of one conflict. */
  busy: string | null;
  notice: Notice | null;
  postgresUser: string;
  onAdoptPorts: (edits: Record<string, number>, id: string) => Promise<void>;
  onReused: (report: ReusePostgresResponse) => Promise<void>;
}) {
  const [reuseFormOpen, setReuseFormOpen] = useState(false);
  const fixable = Object.keys(portFixEdits).length;

  return (
    <PlanSection
      headingId="ports-heading"
      title="Ports"
      action={
        fixable > 1 ? (
          <button
            type="button"
            onClick={() => void onAdoptPorts(portFixEdits, "all")}
            disabled={busy !== null}
            className={buttonSecondary}
          >
            {busy === "all" ? "Saving…" : "Use all the proposed ports"}
          </button>
        ) : null
      }
    >
      <NoticeBanner notice={notice} />
      {portConflicts.length === 0 ? (
        <p
          className={
            "rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm " +
            "text-emerald-900 dark:border-emerald-900 dark:bg-emerald-950 dark:text-emerald-100"
          }
        >
          ✓ No port conflicts: every port the stack needs is free (or already held by this stack).
        </p>
      ) : (
        <ul className="space-y-2" aria-label="Port conflicts">
          {portConflicts.map((conflict) => (
            <li
              key={conflict.field}
              className={
                "rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm " +
                "text-amber-950 dark:border-amber-900 dark:bg-amber-950 dark:text-amber-50"
              }
            >
              <p>
                <span className="font-medium">Port {conflict.port}</span> ({conflict.service},{" "}
                <code>{conflict.field}</code>) is taken by{" "}
                <span className="font-medium">{conflict.listener.description}</span>.
              </p>
              {conflict.proposedPort !== null ? (
                <div className="mt-2 flex flex-wrap items-center gap-2">
                  <span>Port {conflict.proposedPort} is free.</span>
                  <button
                    type="button"
                    onClick={() => void onAdoptPorts({ [conflict.field]: conflict.proposedPort! }, conflict.field)}
                    disabled={busy !== null}
                    className={buttonSecondary}
                  >
                    {busy === conflict.field ? "Saving…" : `Use port ${conflict.proposedPort} instead`}
                  </button>
                  {conflict.reusable ? (
                    <button
                      type="button"
                      onClick={() => setReuseFormOpen(true)}
                      disabled={busy !== null || reuseFormOpen}
                      className={buttonSecondary}
                    >
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
                  defaultUser={postgresUser}
                  onReused={async (report) => {
                    setReuseFormOpen(false);
                    await onReused(report);
                  }}
                  onCancel={() => setReuseFormOpen(false)}
                />
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </PlanSection>
  );
}
