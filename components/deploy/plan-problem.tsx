"use client";

import Link from "next/link";
import { ApiError } from "@/lib/http/api-client";
import { buttonSecondary, CopyableCommand, commandsIn, HintText } from "@/components/ui";

/** Why the plan could not be made (Docker not running, config missing or invalid), and what to do. */
export function PlanProblem({ error, checking, onRetry }: { error: unknown; checking: boolean; onRetry: () => void }) {
  const body =
    error instanceof ApiError
      ? error.body
      : { code: "internal:unknown", message: "The deployment plan could not be loaded.", hint: undefined };
  const isDocker = body.code === "unavailable:docker";
  const isConfig =
    body.code.endsWith(":config") || body.code.endsWith(":config_invalid") || body.code === "bad_request:project_name";
  const commands = isDocker ? commandsIn(body.hint) : [];
  return (
    <div className="space-y-3">
      <div
        role="alert"
        className={
          "rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm " +
          "text-red-900 dark:border-red-900 dark:bg-red-950 dark:text-red-100"
        }
      >
        <p className="font-medium">{body.message}</p>
        {body.hint ? <HintText text={body.hint} className="mt-1" copyCommands={false} /> : null}
      </div>
      {commands.length > 0 ? (
        <div className="space-y-2">
          <h3 className="text-sm font-semibold">Commands to try</h3>
          <ul className="space-y-2" aria-label="Commands to try">
            {commands.map((command) => (
              <li key={command}>
                <CopyableCommand command={command} />
              </li>
            ))}
          </ul>
          <p className="text-xs text-slate-600 dark:text-slate-400">
            Using a remote engine? Start the dashboard with <code>DOCKER_HOST</code> set (for example{" "}
            <code>unix:///run/user/1000/docker.sock</code> for rootless Docker).
          </p>
        </div>
      ) : null}
      <div className="flex flex-wrap gap-2">
        <button type="button" onClick={onRetry} disabled={checking} aria-busy={checking} className={buttonSecondary}>
          {checking ? "Checking…" : "Check again"}
        </button>
        {isConfig ? (
          <Link href="/config" className={buttonSecondary}>
            Open the config editor
          </Link>
        ) : null}
      </div>
    </div>
  );
}
