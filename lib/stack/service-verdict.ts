import type { ServiceStatus } from "../deploy/stack-status";

/** `ok`: as it should be; `busy`: on its way (starting, a job still running); `bad`: needs a look. */
export type ServiceTone = "ok" | "busy" | "bad";

/** Where a one-shot job is: exited 0 is done, any other exit a failure; the one place that decides it. */
export type JobProgress = "running" | "completed" | "failed" | "not run";

export function jobProgress(state: string, exitCode: number | null): JobProgress {
  if (state === "running") return "running";
  if (state !== "exited") return "not run";
  return exitCode === 0 ? "completed" : "failed";
}

/**
 * One word for a container's condition, the same on every page and in the CLI: a service by its
 * state and healthcheck, a job by how it exited (a job that exited 0 is done, not stopped).
 */
export function serviceVerdict(status: Pick<ServiceStatus, "role" | "state" | "health" | "exitCode">): {
  label: string;
  tone: ServiceTone;
} {
  if (status.role === "job") {
    switch (jobProgress(status.state, status.exitCode)) {
      case "running":
        return { label: "running", tone: "busy" };
      case "completed":
        return { label: "completed", tone: "ok" };
      case "failed":
        return { label: `failed (exit ${status.exitCode})`, tone: "bad" };
      case "not run":
        return { label: status.state, tone: status.state === "created" ? "busy" : "bad" };
    }
  }
  if (status.state === "restarting") return { label: "restarting", tone: "bad" };
  if (status.state !== "running") return { label: status.state, tone: "bad" };
  if (status.health === "none") return { label: "running", tone: "ok" };
  return {
    label: status.health,
    tone: status.health === "healthy" ? "ok" : status.health === "starting" ? "busy" : "bad",
  };
}

/** A service of a deployed stack is down: no container of it, or one that needs a look. */
export function isServiceDown(
  services: readonly Pick<ServiceStatus, "service" | "role" | "state" | "health" | "exitCode">[],
  name: string,
): boolean {
  return !services.some((s) => s.service === name && serviceVerdict(s).tone !== "bad");
}
