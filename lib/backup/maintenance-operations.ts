import { randomUUID } from "node:crypto";
import { toMyceliumError, type ErrorCode } from "../errors";

/**
 * What a backup, restore or password change is doing now, per project, in this process: the
 * Maintenance page polls it to show progress, and finds a running operation again after a
 * reload. Steps are plain sentences with no secret in them.
 */
export type MaintenanceKind = "backup" | "restore" | "rotate-password";

export interface MaintenanceOperation {
  id: string;
  project: string;
  kind: MaintenanceKind;
  state: "running" | "succeeded" | "failed";
  startedAt: number;
  finishedAt: number | null;
  steps: { at: number; message: string }[];
  error: { code: ErrorCode; message: string; hint?: string } | null;
}

const shared = globalThis as { __myceliumMaintenance?: Map<string, MaintenanceOperation> };
const registry: Map<string, MaintenanceOperation> = (shared.__myceliumMaintenance ??= new Map());

export function latestOperation(project: string): MaintenanceOperation | null {
  return registry.get(project) ?? null;
}

export type StepReporter = (message: string) => void;

/**
 * Run `work` as the project's current operation, recording each step it reports (and
 * passing them on to `onStep`, for the CLI). The error is recorded and rethrown as is.
 */
export async function trackOperation<T>(
  project: string,
  kind: MaintenanceKind,
  work: (step: StepReporter) => Promise<T>,
  onStep?: StepReporter,
): Promise<T> {
  const operation: MaintenanceOperation = {
    id: randomUUID(),
    project,
    kind,
    state: "running",
    startedAt: Date.now(),
    finishedAt: null,
    steps: [],
    error: null,
  };
  registry.set(project, operation);
  const step: StepReporter = (message) => {
    operation.steps.push({ at: Date.now(), message });
    onStep?.(message);
  };
  try {
    const result = await work(step);
    operation.state = "succeeded";
    return result;
  } catch (error) {
    const failure = toMyceliumError(error);
    operation.state = "failed";
    operation.error = { code: failure.code, message: failure.message, ...(failure.hint ? { hint: failure.hint } : {}) };
    throw error;
  } finally {
    operation.finishedAt = Date.now();
  }
}
