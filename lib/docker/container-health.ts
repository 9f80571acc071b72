import type Docker from "dockerode";
import { jobProgress } from "../stack/service-verdict";
import type { ServiceRole } from "../stack/stack-services";
import { withEngine } from "./docker-client";

/** `healthy`: every service healthy and every job completed. `failed`: a job exited non-zero. */
export type HealthOutcome = "healthy" | "unhealthy" | "exited" | "failed" | "timeout";

export interface HealthTarget {
  service: string;
  containerId: string;
  /** A job is waited for until it exits, and must exit 0; default `service`. */
  role?: ServiceRole;
}

/** A service's health, or a job's progress (`running`, then `completed` or `failed`). */
export type HealthState = "starting" | "healthy" | "unhealthy" | "exited" | "running" | "completed" | "failed";

const DONE: readonly HealthState[] = ["healthy", "completed"];
const FAILED: readonly HealthState[] = ["unhealthy", "exited", "failed"];

/** A job not started yet (between create and start) is on its way, like one running. */
function jobState(state: string, exitCode: number): HealthState {
  const progress = jobProgress(state, exitCode);
  return progress === "not run" ? "running" : progress;
}

function stateOf(target: HealthTarget, info: Docker.ContainerInspectInfo): HealthState {
  if (target.role === "job") return jobState(info.State.Status, info.State.ExitCode);
  if (!info.State.Running) return "exited";
  const health = info.State.Health?.Status;
  if (health === "healthy" || health === "unhealthy") return health;
  // A container without a healthcheck counts as healthy once running.
  return health ? "starting" : "healthy";
}

/** Why a service is still starting, when its logs say (null: nothing to add). */
export type StartingExplainer = (target: HealthTarget) => Promise<string | null>;

/** How often a service that is still starting is asked why. */
const EXPLAIN_INTERVAL_MS = 3000;

/**
 * Wait until every service is healthy and every job has completed, one fails, or the deadline
 * passes. Listens to the engine's event stream (health_status, die) instead of polling inspect
 * in a loop; the stream is opened before the first inspect so no transition can be missed.
 * `explain`, when given, is asked every few seconds why a service is still starting; a new
 * answer is passed on with the state, and never after the state moved on.
 */
export async function waitForHealthy(
  docker: Docker,
  targets: HealthTarget[],
  deadline: number,
  onChange: (service: string, state: HealthState, why?: string) => void,
  explain?: StartingExplainer,
): Promise<{ outcome: HealthOutcome; service: string | null }> {
  if (targets.length === 0) return { outcome: "healthy", service: null };
  const events = (await withEngine(() =>
    docker.getEvents({
      filters: {
        type: ["container"],
        event: ["health_status", "die", "start"],
        container: targets.map((t) => t.containerId),
      },
    }),
  )) as NodeJS.ReadableStream & { destroy?: () => void };

  const states = new Map<string, HealthState>();
  const explanations = new Map<string, string>();
  return new Promise((resolve, reject) => {
    let finished = false;
    const finish = (result: { outcome: HealthOutcome; service: string | null } | Error) => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      clearInterval(explainer);
      events.removeAllListeners("data");
      events.destroy?.();
      if (result instanceof Error) reject(result);
      else resolve(result);
    };
    const update = (target: HealthTarget, state: HealthState) => {
      if (states.get(target.service) === state) return;
      states.set(target.service, state);
      onChange(target.service, state);
      if (FAILED.includes(state)) finish({ outcome: state as HealthOutcome, service: target.service });
      else if (targets.every((t) => DONE.includes(states.get(t.service) ?? "starting")))
        finish({ outcome: "healthy", service: null });
    };
    const askWhy = async (target: HealthTarget) => {
      const why = await explain!(target).catch(() => null);
      // The state may have moved on while the logs were read: a late "starting" would undo it.
      if (finished || !why || states.get(target.service) !== "starting" || explanations.get(target.service) === why)
        return;
      explanations.set(target.service, why);
      onChange(target.service, "starting", why);
    };
    const explainer = explain
      ? setInterval(
          () => targets.filter((t) => states.get(t.service) === "starting").forEach((t) => void askWhy(t)),
          EXPLAIN_INTERVAL_MS,
        )
      : undefined;
    const timer = setTimeout(
      () => {
        const waiting = targets.find((t) => !DONE.includes(states.get(t.service) ?? "starting"));
        finish({ outcome: "timeout", service: waiting?.service ?? null });
      },
      Math.max(0, deadline - Date.now()),
    );

    let pending = "";
    events.on("data", (chunk: Buffer) => {
      pending += chunk.toString("utf8");
      const lines = pending.split("\n");
      pending = lines.pop() ?? "";
      for (const line of lines) {
        if (!line.trim()) continue;
        const event = JSON.parse(line) as {
          status?: string;
          id?: string;
          Actor?: { Attributes?: { exitCode?: string } };
        };
        const target = targets.find((t) => t.containerId === event.id);
        if (!target || !event.status) continue;
        if (event.status === "die")
          update(
            target,
            target.role === "job" ? jobState("exited", Number(event.Actor?.Attributes?.exitCode ?? 1)) : "exited",
          );
        else if (event.status === "health_status: healthy") update(target, "healthy");
        else if (event.status === "health_status: unhealthy") update(target, "unhealthy");
      }
    });
    events.on("error", (error: Error) => finish(error));
    // The daemon closing the stream mid-wait means it went away.
    events.on("end", () =>
      finish(Object.assign(new Error("the Docker engine closed the event stream"), { code: "ECONNRESET" })),
    );

    Promise.all(
      targets.map(async (target) =>
        update(target, stateOf(target, await docker.getContainer(target.containerId).inspect())),
      ),
    ).catch((error: unknown) => finish(error as Error));
  });
}
