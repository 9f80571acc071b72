import type { DeployEvent, DeployPhase } from "@/lib/deploy/deploy-events";
import type { DeploySummary } from "./deploy-types";

/**
 * What the Deploy step shows, folded from the session's events (replayed history, then
 * live). Pure, so a reconnect that replays the history rebuilds exactly the same view.
 */

export const PHASES: { phase: DeployPhase; label: string }[] = [
  { phase: "detect", label: "Check the engine and the ports" },
  { phase: "plan", label: "Plan" },
  { phase: "files", label: "Write the deployment files" },
  { phase: "network", label: "Network" },
  { phase: "volumes", label: "Data volumes" },
  { phase: "images", label: "Images" },
  { phase: "containers", label: "Containers" },
  { phase: "health", label: "Health checks" },
  { phase: "namespace", label: "Namespace ready for workflows" },
  { phase: "cleanup", label: "Clean up" },
];

export interface LayerProgress {
  current: number;
  total: number | null;
  done: boolean;
}

export interface ImagePull {
  image: string;
  /** The latest image-level status line, e.g. "Pulling from library/postgres". */
  status: string;
  layers: Record<string, LayerProgress>;
}

export interface ContainerStep {
  service: string;
  action: Extract<DeployEvent, { type: "container" }>["action"];
  message: string;
}

export interface HealthWait {
  service: string;
  status: Extract<DeployEvent, { type: "health" }>["status"];
  secondsLeft: number;
  /** What it is still starting for, when the server could tell. */
  why: string | null;
  /** Browser time the event arrived, to count down locally. */
  receivedAt: number;
}

export interface DeployProgress {
  session: DeploySummary | null | undefined;
  /** Messages of the phases seen so far, in order. */
  phases: { phase: DeployPhase; message: string }[];
  pulls: ImagePull[];
  containers: ContainerStep[];
  health: HealthWait[];
  warnings: string[];
  outcome: Extract<DeployEvent, { type: "failed" | "succeeded" }> | null;
}

export const EMPTY_PROGRESS: DeployProgress = {
  session: undefined,
  phases: [],
  pulls: [],
  containers: [],
  health: [],
  warnings: [],
  outcome: null,
};

const LAYER_DONE = /^(download complete|pull complete|already exists|extracting|verifying checksum)/i;

function upsert<T>(list: T[], matches: (item: T) => boolean, next: (previous: T | undefined) => T): T[] {
  const index = list.findIndex(matches);
  if (index === -1) return [...list, next(undefined)];
  const copy = list.slice();
  copy[index] = next(list[index]);
  return copy;
}

function foldPull(pulls: ImagePull[], event: Extract<DeployEvent, { type: "pull" }>): ImagePull[] {
  return upsert(
    pulls,
    (pull) => pull.image === event.image,
    (previous) => {
      const pull = previous ?? { image: event.image, status: "Pulling", layers: {} };
      if (!event.layer) return { ...pull, status: event.status || pull.status };
      const layer = pull.layers[event.layer] ?? { current: 0, total: null, done: false };
      let nextLayer: LayerProgress;
      if (LAYER_DONE.test(event.status)) {
        // Extraction reports its own byte counts; the download is what the bar shows.
        nextLayer = { ...layer, current: layer.total ?? layer.current, done: true };
      } else if (/^downloading/i.test(event.status) && event.total) {
        nextLayer = { current: event.current ?? 0, total: event.total, done: false };
      } else {
        nextLayer = layer;
      }
      return { ...pull, layers: { ...pull.layers, [event.layer]: nextLayer } };
    },
  );
}

export function reduceDeployEvent(state: DeployProgress, event: DeployEvent, receivedAt: number): DeployProgress {
  switch (event.type) {
    case "phase":
      return {
        ...state,
        phases: [
          ...state.phases.filter((p) => p.phase !== event.phase),
          { phase: event.phase, message: event.message },
        ],
      };
    case "pull":
      return { ...state, pulls: foldPull(state.pulls, event) };
    case "container":
      return {
        ...state,
        containers: upsert(
          state.containers,
          (c) => c.service === event.service,
          () => ({ service: event.service, action: event.action, message: event.message }),
        ),
      };
    case "health":
      return {
        ...state,
        health: upsert(
          state.health,
          (h) => h.service === event.service,
          () => ({
            service: event.service,
            status: event.status,
            secondsLeft: event.secondsLeft,
            why: event.why ?? null,
            receivedAt,
          }),
        ),
      };
    case "warning":
      return state.warnings.includes(event.message)
        ? state
        : { ...state, warnings: [...state.warnings, event.message] };
    case "failed":
    case "succeeded":
      return { ...state, outcome: event };
  }
}

export type PhaseStatus = "done" | "active" | "failed" | "pending" | "skipped";

/** Each known phase with its status: the latest seen is active until the deploy ends. */
export function phaseStatuses(
  progress: DeployProgress,
): { phase: DeployPhase; label: string; message: string | null; status: PhaseStatus }[] {
  const seen = progress.phases.map((p) => p.phase);
  const last = seen.at(-1);
  return PHASES.filter(({ phase }) => phase !== "cleanup" || seen.includes("cleanup")).map(({ phase, label }) => {
    const message = progress.phases.find((p) => p.phase === phase)?.message ?? null;
    let status: PhaseStatus;
    if (!seen.includes(phase)) status = progress.outcome ? "skipped" : "pending";
    else if (phase !== last) status = "done";
    else if (progress.outcome?.type === "failed") status = "failed";
    else status = progress.outcome ? "done" : "active";
    return { phase, label, message, status };
  });
}

/** Bytes downloaded of the layers whose size is known, and how many layers are done. */
export function pullTotals(pull: ImagePull): { current: number; total: number; layersDone: number; layers: number } {
  const layers = Object.values(pull.layers);
  let current = 0;
  let total = 0;
  for (const layer of layers) {
    if (layer.total === null) continue;
    current += Math.min(layer.current, layer.total);
    total += layer.total;
  }
  return { current, total, layersDone: layers.filter((l) => l.done).length, layers: layers.length };
}
