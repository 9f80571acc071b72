"use client";

import { Fragment, useState } from "react";
import type { SWRResponse } from "swr";
import {
  Badge,
  buttonPrimary,
  buttonSecondary,
  card,
  errorNotice,
  formatBytes,
  NoticeBanner,
  Skeleton,
  type Notice,
  tableHead,
} from "@/components/ui";
import { ApiError, apiFetch } from "@/lib/http/api-client";
import {
  BACKUPS_URL,
  RESTORE_URL,
  type BackupsResponse,
  type CreateBackupResponse,
  type RestoreResponse,
} from "./maintenance-types";
import { OperationProgress } from "./operation-progress";
import { RestoreForm } from "./restore-form";

/** The project's backups, newest first, with "Create backup" and a guarded "Restore…" per row. */
export function BackupsPanel({
  backups,
  onBusyChange,
}: {
  backups: SWRResponse<BackupsResponse>;
  onBusyChange: (busy: boolean) => void;
}) {
  const [busy, setBusy] = useState<"create" | "restore" | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [restoring, setRestoring] = useState<string | null>(null);
  const data = backups.data;
  const operationRunning = data?.operation?.state === "running";
  const disabled = busy !== null || operationRunning;

  const run = async (kind: "create" | "restore", work: () => Promise<Notice>) => {
    setBusy(kind);
    onBusyChange(true);
    setNotice(null);
    try {
      setNotice(await work());
    } catch (error) {
      setNotice(errorNotice(error));
    } finally {
      setBusy(null);
      onBusyChange(false);
      void backups.mutate();
    }
  };

  const create = () =>
    run("create", async () => {
      const { data: created } = await apiFetch<CreateBackupResponse>(BACKUPS_URL, { method: "POST" });
      return {
        tone: "success",
        message:
          `Backup ${created.backup.id} created: ${formatBytes(created.backup.totalBytes)} ` +
          `in ${(created.backup.durationMs / 1000).toFixed(1)} s.`,
      };
    });

  const restore = (id: string, confirmation: string) =>
    run("restore", async () => {
      const { data: result } = await apiFetch<RestoreResponse>(RESTORE_URL, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ id, confirmation }),
      });
      setRestoring(null);
      const { restore: r } = result;
      return {
        tone: "success",
        message:
          `Backup ${r.id} restored in ${(r.durationMs / 1000).toFixed(1)} ` +
          `s${r.restarted.length ? "; Temporal is running and healthy again" : ""}.`,
        hint: r.safetyBackupId ? `The data as it was before is kept in backup ${r.safetyBackupId}.` : undefined,
      };
    });

  let body;
  if (backups.error && !data) {
    const problem =
      backups.error instanceof ApiError
        ? backups.error.body
        : { message: "Could not read the backups.", hint: undefined };
    body = <NoticeBanner live={false} notice={{ tone: "warning", message: problem.message, hint: problem.hint }} />;
  } else if (!data) {
    body = <Skeleton className="h-24" label="Reading the backups" />;
  } else if (data.backups.length === 0) {
    body = <p className="text-sm text-slate-600 dark:text-slate-400">No backups of {data.project} yet.</p>;
  } else {
    body = (
      <div className="overflow-x-auto" tabIndex={0} role="group" aria-label="Backups table">
        <table className="w-full min-w-[40rem] text-left text-sm">
          <caption className="sr-only">Backups of project {data.project}, newest first</caption>
          <thead className={tableHead}>
            <tr>
              {["Backup", "Created", "Size", "Databases", ""].map((h, i) => (
                <th key={i} scope="col" className="py-1.5 pr-3 font-medium">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {data.backups.map((backup) => (
              <Fragment key={backup.id}>
                <tr
                  className="border-b border-slate-100 align-top last:border-0 dark:border-slate-800"
                  data-testid={`backup-${backup.id}`}
                >
                  <th scope="row" className="py-1.5 pr-3 font-medium">
                    <code>{backup.id}</code>
                    {backup.reason === "before-restore" || backup.reason === "before-upgrade" ? (
                      <span className="ml-2">
                        <Badge tone="slate">
                          {backup.reason === "before-restore" ? "before a restore" : "before an upgrade"}
                        </Badge>
                      </span>
                    ) : null}
                  </th>
                  <td className="py-1.5 pr-3">
                    <time dateTime={backup.createdAt}>{new Date(backup.createdAt).toLocaleString()}</time>
                  </td>
                  <td className="py-1.5 pr-3 tabular-nums">{formatBytes(backup.totalBytes)}</td>
                  <td className="py-1.5 pr-3 text-xs">
                    {backup.databases.map((d) => `${d.name} (${formatBytes(d.bytes)})`).join(", ")}
                  </td>
                  <td className="py-1.5 text-right">
                    <button
                      type="button"
                      className={buttonSecondary}
                      disabled={disabled}
                      aria-expanded={restoring === backup.id}
                      aria-label={`Restore backup ${backup.id}…`}
                      onClick={() => setRestoring(restoring === backup.id ? null : backup.id)}
                    >
                      Restore…
                    </button>
                  </td>
                </tr>
                {restoring === backup.id ? (
                  <tr>
                    <td colSpan={5} className="pb-3">
                      <RestoreForm
                        project={data.project}
                        backup={backup}
                        busy={busy === "restore"}
                        onRestore={(confirmation) => restore(backup.id, confirmation)}
                        onCancel={() => setRestoring(null)}
                      />
                    </td>
                  </tr>
                ) : null}
              </Fragment>
            ))}
          </tbody>
        </table>
      </div>
    );
  }

  return (
    <section id="backups" className={`${card} scroll-mt-4 space-y-3`} aria-labelledby="backups-heading">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h2 id="backups-heading" className="text-lg font-semibold">
            Backups
          </h2>
          <p className="text-sm text-slate-600 dark:text-slate-400">
            A backup is a <code>pg_dump</code> of Temporal&apos;s two databases, taken inside the PostgreSQL container
            while everything keeps running
            {data ? (
              <>
                , kept in <code className="break-all">{data.directory}</code>
              </>
            ) : null}
            .
          </p>
        </div>
        <button type="button" className={buttonPrimary} onClick={create} disabled={disabled}>
          {busy === "create" ? "Creating backup…" : "Create backup"}
        </button>
      </div>
      {data?.operation && (data.operation.state === "running" || busy) && data.operation.kind !== "rotate-password" ? (
        <OperationProgress operation={data.operation} />
      ) : null}
      <NoticeBanner notice={notice} />
      {body}
    </section>
  );
}
