"use client";

import { buttonDanger, buttonSecondary } from "@/components/ui";
import { listOrNone } from "./stack-status-model";

/** Removing the data volumes for good: armed only once the project's name is typed. */
export function RemoveDataForm({
  id,
  project,
  volumes,
  confirmation,
  removing,
  disabled,
  onConfirmationChange,
  onConfirm,
  onCancel,
}: {
  id: string;
  project: string;
  volumes: string[];
  confirmation: string;
  removing: boolean;
  disabled: boolean;
  onConfirmationChange: (confirmation: string) => void;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  return (
    <form
      id={id}
      onSubmit={(event) => {
        event.preventDefault();
        if (confirmation === project) onConfirm();
      }}
      className={
        "space-y-2 rounded-md border border-red-200 bg-red-50 p-3 text-sm " +
        "text-red-950 dark:border-red-900 dark:bg-red-950 dark:text-red-50"
      }
    >
      <p>
        This removes the containers, the network <span className="font-medium">and the data volumes</span> (
        {listOrNone(volumes)}): every workflow history, namespace and PostgreSQL database of{" "}
        <span className="font-medium">{project}</span> is deleted for good. Your config and the deployment directory
        stay.
      </p>
      <label htmlFor={`${id}-input`} className="block font-medium">
        Type the project name ({project}) to confirm
      </label>
      <div className="flex flex-wrap gap-2">
        <input
          id={`${id}-input`}
          value={confirmation}
          onChange={(event) => onConfirmationChange(event.target.value)}
          autoComplete="off"
          spellCheck={false}
          className={
            "min-w-0 flex-1 rounded-md border border-red-300 bg-white px-2 py-1.5 font-mono " +
            "text-slate-900 dark:border-red-800 dark:bg-slate-950 dark:text-slate-100"
          }
        />
        <button type="submit" disabled={confirmation !== project || disabled} className={buttonDanger}>
          {removing ? "Removing…" : "Remove containers and data"}
        </button>
        <button type="button" onClick={onCancel} className={buttonSecondary}>
          Cancel
        </button>
      </div>
    </form>
  );
}
