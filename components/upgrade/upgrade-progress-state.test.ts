import { describe, expect, it } from "vitest";
import type { UpgradeEvent } from "@/lib/upgrade/run-upgrade";
import { EMPTY_UPGRADE_PROGRESS, reduceUpgradeEvent, type UpgradeProgress } from "./upgrade-progress-state";

function fold(events: UpgradeEvent[]): UpgradeProgress {
  return events.reduce((state, event, index) => reduceUpgradeEvent(state, event, 1000 + index), EMPTY_UPGRADE_PROGRESS);
}

const stepStart = (step: number, version: string): UpgradeEvent => ({
  type: "upgrade-step",
  step,
  of: 2,
  version,
  stage: "starting",
  message: `Step ${step} of 2: Temporal ${version}`,
});
const validating = (step: number, version: string): UpgradeEvent => ({
  type: "upgrade-step",
  step,
  of: 2,
  version,
  stage: "validating",
  message: "Validating the stack end to end",
});

const twoSteps: UpgradeEvent[] = [
  { type: "upgrade-phase", phase: "checks", message: "Checking the stack, the target and its health" },
  { type: "upgrade-phase", phase: "backup", message: "Backing up both databases first" },
  stepStart(1, "1.31.5"),
  {
    type: "pull",
    image: "temporalio/server:1.31.5",
    layer: "a1",
    status: "Downloading",
    current: 5,
    total: 10,
    step: 1,
  },
  { type: "container", service: "temporal", action: "recreate", message: "temporal recreated", step: 1 },
  validating(1, "1.31.5"),
  { type: "step-succeeded", step: 1, version: "1.31.5", durationMs: 4000 },
  stepStart(2, "1.32.2"),
  { type: "health", service: "temporal", status: "starting", secondsLeft: 100, step: 2 },
];

describe("reduceUpgradeEvent", () => {
  it("folds each step's deploy events into that step, by the deploy's own reducer", () => {
    const state = fold(twoSteps);
    expect(state.phases.map((phase) => phase.phase)).toEqual(["checks", "backup"]);
    expect(state.of).toBe(2);
    expect(state.steps.map((step) => [step.step, step.version, step.stage, step.durationMs])).toEqual([
      [1, "1.31.5", "succeeded", 4000],
      [2, "1.32.2", "starting", null],
    ]);
    const [first, second] = state.steps;
    expect(first!.deploy.pulls[0]!.layers.a1).toEqual({ current: 5, total: 10, done: false });
    expect(first!.deploy.containers.map((c) => c.service)).toEqual(["temporal"]);
    // The runner keeps the deploy's own outcome: moving on to validation says the deploy succeeded.
    expect(first!.deploy.outcome?.type).toBe("succeeded");
    expect(second!.deploy.health).toEqual([
      { service: "temporal", status: "starting", secondsLeft: 100, why: null, receivedAt: 1008 },
    ]);
    expect(second!.deploy.outcome).toBeNull();
    expect(state.outcome).toBeNull();
  });

  it("shows a failed deploy on its step, and the recovery's deploy apart from it", () => {
    const state = fold([
      ...twoSteps,
      { type: "upgrade-phase", phase: "recover", message: "Putting the stack back on Temporal 1.31.5" },
      { type: "container", service: "temporal", action: "recreate", message: "temporal back on 1.31.5", step: 2 },
      {
        type: "failed",
        error: { code: "unavailable:health", message: "Step 2 (Temporal 1.32.2) failed: temporal is unhealthy" },
        step: 2,
        service: "temporal",
        logTail: ["fatal: no schema"],
        restoreCommand: "mycelium backup restore 20250101-000000-000 --confirm demo",
      },
    ]);
    const second = state.steps[1]!;
    expect(second.stage).toBe("failed");
    expect(second.deploy.outcome).toMatchObject({ type: "failed", service: "temporal", logTail: ["fatal: no schema"] });
    expect(second.deploy.containers).toEqual([]);
    expect(state.recovery?.containers.map((c) => c.message)).toEqual(["temporal back on 1.31.5"]);
    expect(state.outcome).toMatchObject({ type: "failed", restoreCommand: expect.stringContaining("backup restore") });
  });

  it("keeps a step's deploy outcome succeeded when its validation fails", () => {
    const state = fold([
      stepStart(1, "1.32.2"),
      validating(1, "1.32.2"),
      {
        type: "failed",
        error: { code: "unavailable:upgrade_validation", message: "not healthy" },
        step: 1,
        service: "temporal",
        logTail: [],
        restoreCommand: null,
      },
    ]);
    expect(state.steps[0]!.stage).toBe("failed");
    expect(state.steps[0]!.deploy.outcome?.type).toBe("succeeded");
  });

  it("ends on a refusal or an error before any step, and on success", () => {
    const refused = fold([
      {
        type: "failed",
        error: { code: "conflict:stack_unhealthy", message: "The stack is not healthy" },
        step: null,
        service: null,
        logTail: [],
        restoreCommand: null,
      },
    ]);
    expect(refused.steps).toEqual([]);
    expect(refused.outcome?.type).toBe("failed");
    const done = fold([...twoSteps, { type: "succeeded", message: "Temporal 1.32.2 runs", durationMs: 9000 }]);
    expect(done.outcome).toEqual({ type: "succeeded", message: "Temporal 1.32.2 runs", durationMs: 9000 });
  });
});
