import type { UpgradeEvent } from "@/lib/upgrade/run-upgrade";
import { EMPTY_PROGRESS, reduceDeployEvent, type DeployProgress } from "../deploy/deploy-progress-state";
import type { UpgradeSummary } from "./upgrade-types";

/**
 * What the upgrade page shows, folded from the session's events (replayed history, then live):
 * the upgrade's own phases, then per step its stage and its deploy's progress, folded by the
 * deploy's own reducer. Pure, so a reconnect that replays the history rebuilds the same view.
 */

export type StepStage = "starting" | "validating" | "succeeded" | "failed";

export interface StepProgress {
  step: number;
  version: string;
  message: string;
  stage: StepStage;
  durationMs: number | null;
  /** The step's deploy; its outcome is set when the step moves past it (the runner keeps the deploy's own). */
  deploy: DeployProgress;
}

type Outcome = Extract<UpgradeEvent, { type: "failed" | "succeeded" }>;

export interface UpgradeProgress {
  session: UpgradeSummary | null | undefined;
  /** The upgrade's own phases seen so far (checks, backup, recover), in order. */
  phases: Extract<UpgradeEvent, { type: "upgrade-phase" }>[];
  /** How many steps the upgrade has; 0 until the first one starts. */
  of: number;
  steps: StepProgress[];
  /** The deploy that puts the stack back on the last good step after a failure. */
  recovery: DeployProgress | null;
  outcome: Outcome | null;
}

export const EMPTY_UPGRADE_PROGRESS: UpgradeProgress = {
  session: undefined,
  phases: [],
  of: 0,
  steps: [],
  recovery: null,
  outcome: null,
};

const DEPLOY_DONE = { type: "succeeded", message: "Deployed.", durationMs: 0 } as const;

type StepUpdate = (step: StepProgress) => StepProgress;

function updateStep(state: UpgradeProgress, number: number, update: StepUpdate): UpgradeProgress {
  return { ...state, steps: state.steps.map((step) => (step.step === number ? update(step) : step)) };
}

/** The step's deploy failed: the deploy view shows it as the deploy page would. */
function failStep(step: StepProgress, event: Extract<UpgradeEvent, { type: "failed" }>): StepProgress {
  const deployFailed = step.stage === "starting";
  const { error, service, logTail } = event;
  return {
    ...step,
    stage: "failed",
    deploy: deployFailed ? { ...step.deploy, outcome: { type: "failed", error, service, logTail } } : step.deploy,
  };
}

export function reduceUpgradeEvent(state: UpgradeProgress, event: UpgradeEvent, receivedAt: number): UpgradeProgress {
  switch (event.type) {
    case "upgrade-phase":
      return {
        ...state,
        phases: [...state.phases, event],
        recovery: event.phase === "recover" ? EMPTY_PROGRESS : state.recovery,
      };
    case "upgrade-step":
      if (event.stage === "validating") {
        return updateStep(state, event.step, (step) => ({
          ...step,
          stage: "validating",
          message: event.message,
          deploy: { ...step.deploy, outcome: DEPLOY_DONE },
        }));
      }
      return {
        ...state,
        of: event.of,
        steps: [
          ...state.steps.filter((step) => step.step !== event.step),
          {
            step: event.step,
            version: event.version,
            message: event.message,
            stage: "starting",
            durationMs: null,
            deploy: EMPTY_PROGRESS,
          },
        ],
      };
    case "step-succeeded":
      return updateStep(state, event.step, (step) => ({ ...step, stage: "succeeded", durationMs: event.durationMs }));
    case "failed":
      if (event.step === null) return { ...state, outcome: event };
      return { ...updateStep(state, event.step, (step) => failStep(step, event)), outcome: event };
    case "succeeded":
      return { ...state, outcome: event };
    default: {
      // A deploy event of a step, or of the recovery that follows a failed step.
      if (state.recovery) return { ...state, recovery: reduceDeployEvent(state.recovery, event, receivedAt) };
      return updateStep(state, event.step, (step) => ({
        ...step,
        deploy: reduceDeployEvent(step.deploy, event, receivedAt),
      }));
    }
  }
}
