"use client";

import Link from "next/link";
import type { ApiErrorBody } from "@/lib/http/api-client";
import { buttonPrimary, buttonSecondary, commandsIn, CopyableCommand, HintText } from "@/components/ui";
import { isConfigProblem } from "./health-model";

/** Why the report could not run at all, and the one thing to do about it. */
export function ReportProblem({
  error,
  running,
  onRetry,
}: {
  error: { status: number; body: ApiErrorBody };
  running: boolean;
  onRetry: () => void;
}) {
  const { body } = error;
  const missing = body.code === "not_found:config";
  const config = isConfigProblem(error);
  const docker = body.code === "unavailable:docker";
  const commands = docker ? commandsIn(body.hint) : [];

  const title = missing
    ? "There is no config yet, so there is nothing to check."
    : config
      ? "The config has errors, so the stack cannot be checked."
      : docker
        ? body.message
        : `The health report could not run: ${body.message}`;

  return (
    <section
      data-testid="report-problem"
      data-code={body.code}
      className={`space-y-3 rounded-lg border p-4 ${
        config
          ? "border-blue-200 bg-blue-50 text-blue-950 dark:border-blue-900 dark:bg-blue-950 dark:text-blue-50"
          : "border-red-200 bg-red-50 text-red-950 dark:border-red-900 dark:bg-red-950 dark:text-red-50"
      }`}
    >
      <div role={config ? "status" : "alert"}>
        <h2 className="text-lg font-semibold">{title}</h2>
        {config ? (
          <p className="text-sm">
            {missing
              ? "Write one in the config editor (it starts from working defaults), deploy, then come back here."
              : body.message}
          </p>
        ) : null}
        {body.hint && !missing ? <HintText text={body.hint} className="mt-1 text-sm" copyCommands={false} /> : null}
      </div>
      {commands.length > 0 ? (
        <ul className="space-y-1.5" aria-label="Commands to try">
          {commands.map((command) => (
            <li key={command}>
              <CopyableCommand command={command} />
            </li>
          ))}
        </ul>
      ) : null}
      <div className="flex flex-wrap gap-2">
        {config ? (
          <Link href="/config" className={buttonPrimary}>
            {missing ? "Create the config" : "Open the config editor"}
          </Link>
        ) : null}
        <button type="button" onClick={onRetry} disabled={running} aria-busy={running} className={buttonSecondary}>
          {running ? "Checking…" : "Try again"}
        </button>
      </div>
    </section>
  );
}
