import type { ServiceAction } from "../plan/deployment-plan";
import type { HealthState } from "../docker/container-health";

/** Progress of a deploy, as streamed to the wizard (SSE) and printed by the CLI. */
export type DeployPhase =
  "detect" | "plan" | "files" | "network" | "volumes" | "images" | "containers" | "health" | "namespace" | "cleanup";

export type DeployEvent =
  | { type: "phase"; phase: DeployPhase; message: string }
  | { type: "pull"; image: string; layer: string | null; status: string; current: number | null; total: number | null }
  | { type: "container"; service: string; action: ServiceAction | "started" | "removed"; message: string }
  /** `why`: what a service still starting is waiting for, when its logs say. */
  | { type: "health"; service: string; status: HealthState; secondsLeft: number; why?: string }
  | { type: "warning"; message: string }
  | {
      type: "failed";
      error: { code: string; message: string; hint?: string };
      service: string | null;
      logTail: string[];
    }
  | { type: "succeeded"; message: string; durationMs: number };

export type DeployEventSink = (event: DeployEvent) => void;

/** An event as a session records and streams it: with the time it happened (epoch ms). */
export type StampedDeployEvent = DeployEvent & { at: number };
