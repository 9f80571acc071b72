"use client";

import type { SWRResponse } from "swr";
import { serviceVerdict } from "@/lib/stack/service-verdict";
import { ApiError } from "@/lib/http/api-client";
import { Badge, formatUptime, NoticeBanner, Skeleton, tableHead } from "@/components/ui";
import type { StatusResponse } from "./deploy-types";
import { HEALTH_BADGE, listOrNone, VERDICT_TONES } from "./stack-status-model";

const COLUMNS = ["Container", "State", "Health", "Ports", "Image", "Uptime", "Restarts", "OOMKilled", "Exit code"];

/** The stack as the engine reports it: a problem reading it, no containers, or a row per container. */
export function StackStatusBody({ status }: { status: SWRResponse<StatusResponse> }) {
  const data = status.data;
  if (status.error && !data) {
    const problem =
      status.error instanceof ApiError
        ? status.error.body
        : { code: "", message: "Could not read the stack's status.", hint: undefined };
    // The engine check above already says how to start Docker: no need to repeat it here.
    const hint = problem.code === "unavailable:docker" ? undefined : problem.hint;
    return <NoticeBanner live={false} notice={{ tone: "warning", message: problem.message, hint }} />;
  }
  if (!data) return <Skeleton className="h-24" label="Reading the stack's status" />;
  if (!data.deployed) {
    return (
      <p className="text-sm text-slate-600 dark:text-slate-400">
        No containers for project <span className="font-medium">{data.project}</span>
        {data.volumes.length ? `; data volumes kept: ${listOrNone(data.volumes)}.` : "."}
      </p>
    );
  }
  return (
    <div className="overflow-x-auto" tabIndex={0} role="group" aria-label="Containers table">
      <table className="w-full min-w-[52rem] text-left text-sm">
        <caption className="sr-only">Containers of project {data.project}</caption>
        <thead className={tableHead}>
          <tr>
            {COLUMNS.map((h) => (
              <th key={h} scope="col" className="py-1.5 pr-3 font-medium">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {data.services.map((s) => (
            <tr
              key={s.containerId}
              className="border-b border-slate-100 align-top last:border-0 dark:border-slate-800"
              data-testid={`status-${s.service}`}
            >
              <th scope="row" className="py-1.5 pr-3 font-medium">
                <code className="break-all">{s.containerName}</code>
                {s.error ? (
                  <span className="block text-xs font-normal text-red-700 dark:text-red-300">{s.error}</span>
                ) : null}
              </th>
              <td className="py-1.5 pr-3">
                {/* The engine's state, coloured by what it means: a job that exited 0 is done, not down. */}
                <Badge tone={VERDICT_TONES[serviceVerdict(s).tone]}>{s.state}</Badge>
              </td>
              <td className="py-1.5 pr-3">
                <Badge tone={HEALTH_BADGE[s.health].tone}>{HEALTH_BADGE[s.health].label}</Badge>
              </td>
              <td className="py-1.5 pr-3 text-xs">
                {s.ports.length
                  ? s.ports.map((p) => (
                      <span
                        key={`${p.hostIp}:${p.hostPort}`}
                        className="block whitespace-nowrap"
                      >{`${p.hostIp}:${p.hostPort} → ${p.containerPort}`}</span>
                    ))
                  : "–"}
              </td>
              <td className="py-1.5 pr-3 text-xs">
                <code className="break-all">{s.image}</code>
              </td>
              <td className="py-1.5 pr-3 tabular-nums">{formatUptime(s.uptimeSeconds)}</td>
              <td
                className={
                  `py-1.5 pr-3 tabular-nums ` +
                  `${s.restartCount > 0 ? "font-semibold text-amber-700 dark:text-amber-300" : ""}`
                }
              >
                {s.restartCount}
              </td>
              <td className="py-1.5 pr-3">{s.oomKilled ? <Badge tone="red">yes</Badge> : "no"}</td>
              <td className="py-1.5 tabular-nums">{s.exitCode ?? "–"}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {data.volumes.length ? (
        <p className="mt-2 text-xs text-slate-600 dark:text-slate-400">Data volumes: {listOrNone(data.volumes)}</p>
      ) : null}
    </div>
  );
}
