"use client";

import { useId, useState } from "react";
import type { SWRResponse } from "swr";
import type { ServiceStatus } from "@/lib/deploy/stack-status";
import { serviceVerdict, type ServiceTone } from "@/lib/stack/service-verdict";
import { ApiError, apiFetch } from "@/lib/http/api-client";
import type { StopResponse } from "@/lib/http/api-contract";
import type { DownResponse, StatusResponse } from "./deploy-types";
import { Badge, buttonDanger, buttonSecondary, card, formatUptime, NoticeBanner, Skeleton, type BadgeTone, type Notice } from "@/components/ui";

const HEALTH_BADGE: Record<ServiceStatus["health"], { tone: BadgeTone; label: string }> = {
  healthy: { tone: "green", label: "healthy" },
  starting: { tone: "blue", label: "starting" },
  unhealthy: { tone: "red", label: "unhealthy" },
  none: { tone: "slate", label: "no check" },
};

export const VERDICT_TONES: Record<ServiceTone, BadgeTone> = { ok: "green", busy: "blue", bad: "red" };

function list(items: string[]): string {
  return items.length ? items.join(", ") : "none";
}

function describeDown(result: DownResponse): string {
  const parts = [`Removed ${result.removedContainers.length} container${result.removedContainers.length === 1 ? "" : "s"}`];
  if (result.removedNetwork) parts.push("the network");
  if (result.removedVolumes.length) parts.push(`and the volumes ${list(result.removedVolumes)}`);
  let text = parts.join(", ") + ".";
  if (result.keptVolumes.length) text += ` Data kept in ${list(result.keptVolumes)}.`;
  return text;
}

/** The stack as the engine sees it now, with stop / remove / remove-data controls. */
export function StackStatusPanel({ status }: { status: SWRResponse<StatusResponse> }) {
  const [busy, setBusy] = useState<"stop" | "down" | "purge" | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [purgeOpen, setPurgeOpen] = useState(false);
  const [confirmation, setConfirmation] = useState("");
  const purgeId = useId();

  const data = status.data;
  const running = data?.deploy?.state === "running";
  const hasData = Boolean(data && (data.deployed || data.volumes.length > 0));

  const act = async (kind: "stop" | "down" | "purge") => {
    setBusy(kind);
    setNotice(null);
    try {
      if (kind === "stop") {
        const { data: result } = await apiFetch<StopResponse>("/api/deploy/stop", { method: "POST" });
        setNotice({ tone: "success", message: result.stopped.length ? `Stopped ${list(result.stopped)}.` : "Nothing was running." });
      } else {
        const { data: result } = await apiFetch<DownResponse>("/api/deploy/down", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ removeDataConfirmation: kind === "purge" ? confirmation : null }),
        });
        setNotice({ tone: "success", message: describeDown(result) });
        if (kind === "purge") {
          setPurgeOpen(false);
          setConfirmation("");
        }
      }
    } catch (error) {
      setNotice(error instanceof ApiError ? { tone: "error", message: error.body.message, hint: error.body.hint } : { tone: "error", message: "That did not work." });
    } finally {
      setBusy(null);
      void status.mutate();
    }
  };

  let body;
  if (status.error && !data) {
    const problem = status.error instanceof ApiError ? status.error.body : { code: "", message: "Could not read the stack's status.", hint: undefined };
    // The engine check above already says how to start Docker: no need to repeat it here.
    const hint = problem.code === "unavailable:docker" ? undefined : problem.hint;
    body = <NoticeBanner live={false} notice={{ tone: "warning", message: problem.message, hint }} />;
  } else if (!data) {
    body = <Skeleton className="h-24" label="Reading the stack's status" />;
  } else if (!data.deployed) {
    body = (
      <p className="text-sm text-slate-600 dark:text-slate-400">
        No containers for project <span className="font-medium">{data.project}</span>
        {data.volumes.length ? `; data volumes kept: ${list(data.volumes)}.` : "."}
      </p>
    );
  } else {
    body = (
      <div className="overflow-x-auto" tabIndex={0} role="group" aria-label="Containers table">
        <table className="w-full min-w-[52rem] text-left text-sm">
          <caption className="sr-only">Containers of project {data.project}</caption>
          <thead className="border-b border-slate-200 text-xs uppercase text-slate-500 dark:border-slate-800 dark:text-slate-400">
            <tr>
              {["Container", "State", "Health", "Ports", "Image", "Uptime", "Restarts", "OOMKilled", "Exit code"].map((h) => (
                <th key={h} scope="col" className="py-1.5 pr-3 font-medium">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {data.services.map((s) => (
              <tr key={s.containerId} className="border-b border-slate-100 align-top last:border-0 dark:border-slate-800" data-testid={`status-${s.service}`}>
                <th scope="row" className="py-1.5 pr-3 font-medium">
                  <code className="break-all">{s.containerName}</code>
                  {s.error ? <span className="block text-xs font-normal text-red-700 dark:text-red-300">{s.error}</span> : null}
                </th>
                <td className="py-1.5 pr-3">
                  {/* The engine's state, coloured by what it means: a job that exited 0 is done, not down. */}
                  <Badge tone={VERDICT_TONES[serviceVerdict(s).tone]}>{s.state}</Badge>
                </td>
                <td className="py-1.5 pr-3">
                  <Badge tone={HEALTH_BADGE[s.health].tone}>{HEALTH_BADGE[s.health].label}</Badge>
                </td>
                <td className="py-1.5 pr-3 text-xs">
                  {s.ports.length ? s.ports.map((p) => <span key={`${p.hostIp}:${p.hostPort}`} className="block whitespace-nowrap">{`${p.hostIp}:${p.hostPort} → ${p.containerPort}`}</span>) : "–"}
                </td>
                <td className="py-1.5 pr-3 text-xs">
                  <code className="break-all">{s.image}</code>
                </td>
                <td className="py-1.5 pr-3 tabular-nums">{formatUptime(s.uptimeSeconds)}</td>
                <td className={`py-1.5 pr-3 tabular-nums ${s.restartCount > 0 ? "font-semibold text-amber-700 dark:text-amber-300" : ""}`}>{s.restartCount}</td>
                <td className="py-1.5 pr-3">{s.oomKilled ? <Badge tone="red">yes</Badge> : "no"}</td>
                <td className="py-1.5 tabular-nums">{s.exitCode ?? "–"}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {data.volumes.length ? <p className="mt-2 text-xs text-slate-600 dark:text-slate-400">Data volumes: {list(data.volumes)}</p> : null}
      </div>
    );
  }

  const project = data?.project ?? "";
  return (
    <section aria-labelledby="stack-status-heading" className={`${card} space-y-3`}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="stack-status-heading" className="font-semibold">
          Stack status
        </h2>
        <div className="flex flex-wrap gap-2">
          <button
            type="button"
            onClick={() => void act("stop")}
            disabled={busy !== null || running || !data?.deployed}
            title={running ? "Wait for the deploy to finish" : undefined}
            className={buttonSecondary}
          >
            {busy === "stop" ? "Stopping…" : "Stop"}
          </button>
          <button
            type="button"
            onClick={() => void act("down")}
            disabled={busy !== null || running || !data?.deployed}
            title="Removes the containers and the network; the data volumes are kept"
            className={buttonSecondary}
          >
            {busy === "down" ? "Removing…" : "Remove containers"}
          </button>
          <button
            type="button"
            onClick={() => setPurgeOpen((open) => !open)}
            disabled={busy !== null || running || !hasData}
            aria-expanded={purgeOpen}
            aria-controls={purgeId}
            className={buttonSecondary}
          >
            Remove data…
          </button>
        </div>
      </div>
      <NoticeBanner notice={notice} />
      {purgeOpen && data ? (
        <form
          id={purgeId}
          onSubmit={(event) => {
            event.preventDefault();
            if (confirmation === project) void act("purge");
          }}
          className="space-y-2 rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-950 dark:border-red-900 dark:bg-red-950 dark:text-red-50"
        >
          <p>
            This removes the containers, the network <span className="font-medium">and the data volumes</span> ({list(data.volumes)}): every workflow
            history, namespace and PostgreSQL database of <span className="font-medium">{project}</span> is deleted for good. Your config and the
            deployment directory stay.
          </p>
          <label htmlFor={`${purgeId}-input`} className="block font-medium">
            Type the project name ({project}) to confirm
          </label>
          <div className="flex flex-wrap gap-2">
            <input
              id={`${purgeId}-input`}
              value={confirmation}
              onChange={(event) => setConfirmation(event.target.value)}
              autoComplete="off"
              spellCheck={false}
              className="min-w-0 flex-1 rounded-md border border-red-300 bg-white px-2 py-1.5 font-mono text-slate-900 dark:border-red-800 dark:bg-slate-950 dark:text-slate-100"
            />
            <button type="submit" disabled={confirmation !== project || busy !== null} className={buttonDanger}>
              {busy === "purge" ? "Removing…" : "Remove containers and data"}
            </button>
            <button
              type="button"
              onClick={() => {
                setPurgeOpen(false);
                setConfirmation("");
              }}
              className={buttonSecondary}
            >
              Cancel
            </button>
          </div>
        </form>
      ) : null}
      {body}
    </section>
  );
}
