"use client";

import { useId, useState } from "react";
import { buttonDanger, buttonSecondary } from "@/components/ui";
import type { BackupSummary } from "./maintenance-types";

/**
 * The typed confirmation for a restore: the project name, exactly, before the button works.
 * The warning says what is replaced and what stops; the current data is backed up first.
 */
export function RestoreForm({
  project,
  backup,
  busy,
  onRestore,
  onCancel,
}: {
  project: string;
  backup: BackupSummary;
  busy: boolean;
  onRestore: (confirmation: string) => void;
  onCancel: () => void;
}) {
  const [confirmation, setConfirmation] = useState("");
  const inputId = useId();
  const warningId = useId();
  const matches = confirmation === project;
  return (
    <form
      className={
        "space-y-3 rounded-md border border-red-200 bg-red-50 p-3 text-sm " +
        "text-red-950 dark:border-red-900 dark:bg-red-950 dark:text-red-100"
      }
      aria-label={`Restore backup ${backup.id}`}
      onSubmit={(event) => {
        event.preventDefault();
        if (matches && !busy) onRestore(confirmation);
      }}
    >
      <div id={warningId} className="space-y-1">
        <p className="font-medium">
          Restoring replaces the current data of {project} ({backup.databases.map((d) => d.name).join(" and ")}) with
          backup {backup.id}.
        </p>
        <p>
          Everything Temporal stored after {new Date(backup.createdAt).toLocaleString()} is replaced. Temporal and its
          UI are stopped while the restore runs and started again afterwards. The current data is backed up first, so
          this can be undone.
        </p>
      </div>
      <div className="space-y-1">
        <label htmlFor={inputId} className="block font-medium">
          Type the project name ({project}) to confirm
        </label>
        <input
          id={inputId}
          value={confirmation}
          onChange={(event) => setConfirmation(event.target.value)}
          aria-describedby={warningId}
          autoComplete="off"
          spellCheck={false}
          className={
            "w-full max-w-sm rounded-md border border-red-300 bg-white px-2 py-1 " +
            "text-slate-900 dark:border-red-800 dark:bg-slate-900 dark:text-slate-100"
          }
        />
      </div>
      <div className="flex gap-2">
        <button type="submit" className={buttonDanger} disabled={!matches || busy}>
          {busy ? "Restoring…" : "Replace the data with this backup"}
        </button>
        <button type="button" className={buttonSecondary} onClick={onCancel} disabled={busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}
