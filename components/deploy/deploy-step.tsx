"use client";

import { useEffect } from "react";
import { DeployFailure } from "./deploy-failure";
import { deployAnnouncement, deployFollowNotice, type DeployOrigin } from "./deploy-follow-notice";
import { DeployProgressView } from "./deploy-progress-view";
import { useDeployStream } from "./use-deploy-stream";
import { buttonPrimary, buttonSecondary, formatDuration, NoticeBanner, Skeleton } from "@/components/ui";

/** The deploy as it happens, followed over its event stream, with what to do once it ends. */
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

  const followNotice = deployFollowNotice({ connection, session, origin, live });

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
            Project <span className={"font-medium text-slate-900 dark:text-slate-100"}>{session.project}</span> ·
            started{" "}
            <time dateTime={new Date(session.startedAt).toISOString()}>
              {new Date(session.startedAt).toLocaleTimeString()}
            </time>
          </p>
          <p role="status" className="sr-only">
            {deployAnnouncement(stream)}
          </p>

          <DeployProgressView progress={stream} />

          {outcome?.type === "failed" ? <DeployFailure outcome={outcome} /> : null}
          {outcome?.type === "succeeded" ? (
            <NoticeBanner
              notice={{ tone: "success", message: `✓ ${outcome.message} (${formatDuration(outcome.durationMs)})` }}
            />
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
