"use client";

import Link from "next/link";
import { useEffect } from "react";
import { DeployProgressView } from "./deploy-progress-view";
import { useDeployStream } from "./use-deploy-stream";
import {
  buttonPrimary,
  buttonSecondary,
  formatDuration,
  HintText,
  NoticeBanner,
  Skeleton,
  type Notice,
} from "@/components/ui";

/** How this page came to follow the deploy: it started it, or a start was refused (409). */
export type DeployOrigin = "started" | "conflict" | null;

export function DeployStep({
  origin,
  starting,
  onSucceeded,
  onContinue,
  onBackToPlan,
  onDeployAgain,
  onReconnect,
}: {
  origin: DeployOrigin;
  starting: boolean;
  /** Called once when a deploy followed live succeeds. */
  onSucceeded: () => void;
  onContinue: () => void;
  onBackToPlan: () => void;
  onDeployAgain: () => void;
  onReconnect: () => void;
}) {
  const stream = useDeployStream();
  const { outcome, session, stateAtOpen, connection } = stream;
  const live = stateAtOpen === "running";

  useEffect(() => {
    if (outcome?.type === "succeeded" && live) onSucceeded();
  }, [outcome, live, onSucceeded]);

  if (session === undefined && connection !== "lost") {
    return (
      <div className="space-y-3">
        <Skeleton className="h-48" label="Connecting to the deploy" />
        <Skeleton className="h-16" label="Loading" />
      </div>
    );
  }

  let followNotice: Notice | null = null;
  if (connection === "lost") {
    followNotice = { tone: "error", message: "Could not follow the deploy: the dashboard refused or dropped the event stream.", hint: "Check the config and the dashboard, then try again." };
  } else if (session === null) {
    followNotice =
      origin === "conflict"
        ? {
            tone: "warning",
            message: "A deploy of this project is already running in another process (for example the mycelium deploy command), so this page cannot follow its steps.",
            hint: "The stack status below shows its containers as they come up.",
          }
        : { tone: "info", message: "No deploy has run since the dashboard started.", hint: "Review the plan, then deploy from there." };
  } else if (origin === "conflict" && !live) {
    followNotice = {
      tone: "warning",
      message: "A deploy of this project is already running in another process, so this page cannot follow its steps; below is the last deploy made from here.",
    };
  } else if (live && origin !== "started") {
    followNotice = { tone: "info", message: "A deploy is already running; following it." };
  } else if (connection === "reconnecting") {
    followNotice = { tone: "warning", message: "The connection to the deploy dropped; reconnecting…" };
  }

  const lastPhase = stream.phases.at(-1);

  return (
    <div className="space-y-5">
      <NoticeBanner notice={followNotice}>
        {connection === "lost" ? (
          <button type="button" onClick={onReconnect} className="mt-2 rounded border border-current px-2 py-1">
            Try again
          </button>
        ) : null}
        {session === null && origin !== "conflict" ? (
          <button type="button" onClick={onBackToPlan} className="mt-2 rounded border border-current px-2 py-1">
            Go to the plan review
          </button>
        ) : null}
      </NoticeBanner>

      {session ? (
        <>
          <p className="text-sm text-slate-600 dark:text-slate-400">
            Project <span className="font-medium text-slate-900 dark:text-slate-100">{session.project}</span> · started{" "}
            <time dateTime={new Date(session.startedAt).toISOString()}>{new Date(session.startedAt).toLocaleTimeString()}</time>
          </p>
          <p role="status" className="sr-only">
            {outcome ? (outcome.type === "succeeded" ? "Deploy succeeded." : "Deploy failed.") : lastPhase ? lastPhase.message : ""}
          </p>

          <DeployProgressView progress={stream} />

          {outcome?.type === "failed" ? (
            <div role="alert" className="space-y-2 rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900 dark:border-red-900 dark:bg-red-950 dark:text-red-100">
              <p className="font-semibold">Deploy failed: {outcome.error.message}</p>
              {outcome.error.hint ? <HintText text={outcome.error.hint} /> : null}
              {outcome.logTail.length > 0 ? (
                <>
                  <p className="font-medium">Last log lines{outcome.service ? ` of ${outcome.service}` : ""}:</p>
                  <pre
                    tabIndex={0}
                    // The newest line usually says why: show the end of the log first.
                    ref={(pre) => pre?.scrollTo({ top: pre.scrollHeight })}
                    aria-label={`Last log lines${outcome.service ? ` of ${outcome.service}` : ""}`}
                    className="max-h-80 overflow-auto rounded bg-slate-950 p-3 text-xs text-slate-100"
                  >
                    {outcome.logTail.join("\n")}
                  </pre>
                </>
              ) : null}
              <p>
                <Link href="/health" className="font-medium underline">
                  Open the health report
                </Link>{" "}
                for the diagnosis and a one-click fix.
              </p>
            </div>
          ) : null}
          {outcome?.type === "succeeded" ? (
            <NoticeBanner notice={{ tone: "success", message: `✓ ${outcome.message} (${formatDuration(outcome.durationMs)})` }} />
          ) : null}
        </>
      ) : null}

      <div className="flex flex-wrap justify-between gap-2">
        <button type="button" onClick={onBackToPlan} className={buttonSecondary}>
          Back to the plan
        </button>
        {outcome?.type === "failed" ? (
          <button type="button" onClick={onDeployAgain} disabled={starting} className={buttonPrimary}>
            {starting ? "Starting…" : "Deploy again"}
          </button>
        ) : null}
        {/* A deploy followed live moves on to Done by itself: no button that vanishes under the pointer. */}
        {outcome?.type === "succeeded" && !live ? (
          <button type="button" onClick={onContinue} className={buttonPrimary}>
            Continue
          </button>
        ) : null}
      </div>
    </div>
  );
}
