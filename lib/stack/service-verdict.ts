import type { ServiceStatus } from "../deploy/stack-status";

/** `ok`: as it should be; `busy`: on its way (starting, a job still running); `bad`: needs a look. */
export type ServiceTone = "ok" | "busy" | "bad";

/**
 * One word for a container's condition, the same on every page and in the CLI: a service by its
 * state and healthcheck, a job by how it exited (a job that exited 0 is done, not stopped).
 */
export function serviceVerdict(status: Pick<ServiceStatus, "role" | "state" | "health" | "exitCode">): { label: string; tone: ServiceTone } {
  if (status.role === "job") {
    if (status.state === "running") return { label: "running", tone: "busy" };
    if (status.state === "exited" && status.exitCode === 0) return { label: "completed", tone: "ok" };
    if (status.state === "exited") return { label: `failed (exit ${status.exitCode})`, tone: "bad" };
    return { label: status.state, tone: status.state === "created" ? "busy" : "bad" };
  }
  if (status.state === "restarting") return { label: "restarting", tone: "bad" };
  if (status.state !== "running") return { label: status.state, tone: "bad" };
  if (status.health === "none") return { label: "running", tone: "ok" };
  return { label: status.health, tone: status.health === "healthy" ? "ok" : status.health === "starting" ? "busy" : "bad" };
}
