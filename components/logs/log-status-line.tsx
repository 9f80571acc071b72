"use client";

import type { LogStore } from "@/lib/logs/log-store";
import type { AttachNotice, LogConnection } from "./use-log-stream";

const CONNECTION_LABEL: Record<LogConnection, string> = {
  idle: "Not connected",
  connecting: "Connecting…",
  live: "Live",
  reconnecting: "Reconnecting…",
  offline: "Disconnected: retrying",
};

interface Props {
  connection: LogConnection;
  /** Read while rendering: the viewer renders again on each change of its lines. */
  store: LogStore;
  project: string | null;
  containers: readonly { name: string; state: string }[];
  lastAttach: AttachNotice | null;
  notice: string | null;
}

/** Under the controls: the stream's connection, the line counts, the containers followed. */
export function LogStatusLine({ connection, store, project, containers, lastAttach, notice }: Props) {
  return (
    <div className="flex flex-wrap items-center gap-3 text-xs text-slate-600 dark:text-slate-400">
      <span role="status" aria-label="Connection" data-connection={connection} className="flex items-center gap-1.5">
        <span
          className={
            `inline-block h-2 w-2 rounded-full ` +
            `${connection === "live" ? "bg-green-500" : connection === "offline" ? "bg-red-500" : "bg-amber-400"}`
          }
        />
        {CONNECTION_LABEL[connection]}
      </span>
      <span data-testid="log-counts">
        {store.visibleCount.toLocaleString()} shown of {store.lineCount.toLocaleString()} lines (the view keeps the
        latest {store.capacity.toLocaleString()})
      </span>
      {project ? (
        <span>
          Project <code>{project}</code>:{" "}
          {containers.length
            ? containers.map((c) => `${c.name} (${c.state})`).join(", ")
            : "no containers for these services yet"}
        </span>
      ) : null}
      {lastAttach ? (
        <span>
          {lastAttach.service} {lastAttach.reason === "recreate" ? "was recreated" : "restarted"} at{" "}
          {new Date(lastAttach.at).toLocaleTimeString()}: following the new container
        </span>
      ) : null}
      {notice ? <span role="status">{notice}</span> : null}
    </div>
  );
}
