import { describe, expect, it } from "vitest";
import type { DeployEvent } from "@/lib/deploy/deploy-events";
import {
  EMPTY_PROGRESS,
  phaseStatuses,
  pullTotals,
  reduceDeployEvent,
  type DeployProgress,
  type ImagePull,
} from "./deploy-progress-state";

function fold(events: DeployEvent[], from: DeployProgress = EMPTY_PROGRESS): DeployProgress {
  return events.reduce((state, event, index) => reduceDeployEvent(state, event, 1000 + index), from);
}

const pull = (
  layer: string | null,
  status: string,
  current: number | null = null,
  total: number | null = null,
): DeployEvent => ({
  type: "pull",
  image: "postgres:16",
  layer,
  status,
  current,
  total,
});

const failed: DeployEvent = {
  type: "failed",
  error: { code: "timeout:health", message: "temporal did not become healthy" },
  service: "temporal",
  logTail: ["sql schema version compatibility check failed"],
};

const statusOf = (progress: DeployProgress) =>
  Object.fromEntries(phaseStatuses(progress).map((p) => [p.phase, p.status]));

describe("reduceDeployEvent", () => {
  it("keeps each phase once, at the place it was last reported, with its latest message", () => {
    const state = fold([
      { type: "phase", phase: "detect", message: "Checking" },
      { type: "phase", phase: "plan", message: "Planning" },
      { type: "phase", phase: "detect", message: "Checking again" },
    ]);
    expect(state.phases).toEqual([
      { phase: "plan", message: "Planning" },
      { phase: "detect", message: "Checking again" },
    ]);
  });

  it("follows a layer from downloading to done, keeping the download's size", () => {
    const downloading = fold([pull(null, "Pulling from library/postgres"), pull("a1", "Downloading", 40, 100)]);
    expect(downloading.pulls).toEqual([
      {
        image: "postgres:16",
        status: "Pulling from library/postgres",
        layers: { a1: { current: 40, total: 100, done: false } },
      },
    ]);
    // Extraction's own byte counts do not move the download bar back.
    const extracting = fold([pull("a1", "Extracting", 5, 900)], downloading);
    expect(extracting.pulls[0]!.layers.a1).toEqual({ current: 100, total: 100, done: true });
  });

  it("counts a layer already there as done without a size", () => {
    const state = fold([pull("b2", "Already exists")]);
    expect(state.pulls[0]).toEqual({
      image: "postgres:16",
      status: "Pulling",
      layers: { b2: { current: 0, total: null, done: true } },
    });
  });

  it("leaves a layer's progress alone on a status line without sizes", () => {
    const state = fold([pull("a1", "Downloading", 10, 100), pull("a1", "Waiting"), pull(null, "")]);
    expect(state.pulls[0]!.layers.a1).toEqual({ current: 10, total: 100, done: false });
    expect(state.pulls[0]!.status).toBe("Pulling");
  });

  it("keeps one entry per container and per health wait, the latest", () => {
    const state = fold([
      { type: "container", service: "postgres", action: "create", message: "creating postgres" },
      { type: "health", service: "postgres", status: "starting", secondsLeft: 60 },
      { type: "container", service: "postgres", action: "started", message: "postgres started" },
      { type: "health", service: "postgres", status: "healthy", secondsLeft: 55, why: "accepting connections" },
    ]);
    expect(state.containers).toEqual([{ service: "postgres", action: "started", message: "postgres started" }]);
    expect(state.health).toEqual([
      { service: "postgres", status: "healthy", secondsLeft: 55, why: "accepting connections", receivedAt: 1003 },
    ]);
  });

  it("shows a warning once however often it is replayed", () => {
    const warning: DeployEvent = { type: "warning", message: "Port 8080 is published on all interfaces" };
    const once = fold([warning]);
    expect(fold([warning], once)).toBe(once);
    expect(once.warnings).toEqual(["Port 8080 is published on all interfaces"]);
  });

  it("ends with the outcome", () => {
    expect(fold([failed]).outcome).toEqual(failed);
    expect(fold([{ type: "succeeded", message: "Deployed", durationMs: 5 }]).outcome?.type).toBe("succeeded");
  });

  it("never changes the state it folds from, so a replay from the start rebuilds the same view", () => {
    const before = fold([
      pull("a1", "Downloading", 1, 2),
      { type: "container", service: "temporal", action: "create", message: "m" },
    ]);
    const snapshot = structuredClone(before);
    fold(
      [
        pull("a1", "Pull complete"),
        { type: "container", service: "temporal", action: "started", message: "up" },
        { type: "warning", message: "w" },
      ],
      before,
    );
    expect(before).toEqual(snapshot);
  });
});

describe("phaseStatuses", () => {
  const started = fold([
    { type: "phase", phase: "detect", message: "Checking" },
    { type: "phase", phase: "plan", message: "Planning" },
  ]);

  it("marks the phases passed as done, the latest active, the rest pending, and hides clean-up", () => {
    const phases = phaseStatuses(started);
    expect(phases.map((p) => p.phase)).not.toContain("cleanup");
    expect(phases[1]).toEqual({ phase: "plan", label: "Plan", message: "Planning", status: "active" });
    expect(statusOf(started)).toMatchObject({ detect: "done", plan: "active", files: "pending", namespace: "pending" });
  });

  it("marks the latest phase failed and the unreached ones skipped when the deploy fails", () => {
    expect(statusOf(fold([failed], started))).toMatchObject({ detect: "done", plan: "failed", files: "skipped" });
  });

  it("marks the latest phase done when the deploy succeeds", () => {
    expect(statusOf(fold([{ type: "succeeded", message: "Deployed", durationMs: 5 }], started))).toMatchObject({
      plan: "done",
      files: "skipped",
    });
  });

  it("lists clean-up once the deploy reports it", () => {
    const cleaning = fold([{ type: "phase", phase: "cleanup", message: "Removing orphans" }], started);
    expect(phaseStatuses(cleaning).at(-1)).toEqual({
      phase: "cleanup",
      label: "Clean up",
      message: "Removing orphans",
      status: "active",
    });
  });
});

describe("pullTotals", () => {
  it("adds the bytes of the layers with a known size, capped at each size, and counts the done ones", () => {
    const image: ImagePull = {
      image: "postgres:16",
      status: "Pulling",
      layers: {
        a: { current: 50, total: 100, done: false },
        b: { current: 300, total: 200, done: true },
        c: { current: 0, total: null, done: true },
      },
    };
    expect(pullTotals(image)).toEqual({ current: 250, total: 300, layersDone: 2, layers: 3 });
  });

  it("is all zeros before any layer is known", () => {
    expect(pullTotals({ image: "x", status: "Pulling", layers: {} })).toEqual({
      current: 0,
      total: 0,
      layersDone: 0,
      layers: 0,
    });
  });
});
