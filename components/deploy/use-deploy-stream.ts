"use client";

import type { StampedDeployEvent } from "@/lib/deploy/deploy-events";
import { useSessionStream, type SessionStream } from "@/components/hooks/use-session-stream";
import { EMPTY_PROGRESS, reduceDeployEvent, type DeployProgress } from "./deploy-progress-state";
import { EVENTS_URL, type DeploySummary } from "./deploy-types";

export type DeployStream = SessionStream<DeployProgress>;

/** Follow the latest deploy of the configured project (see useSessionStream). */
export function useDeployStream(): DeployStream {
  return useSessionStream<DeploySummary, StampedDeployEvent, DeployProgress>(
    EVENTS_URL,
    "deploy",
    EMPTY_PROGRESS,
    reduceDeployEvent,
  );
}
