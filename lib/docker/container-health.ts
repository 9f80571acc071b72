import type Docker from "dockerode";
import { withEngine } from "./docker-client";

export type HealthOutcome = "healthy" | "unhealthy" | "exited" | "timeout";

export interface HealthTarget {
  service: string;
  containerId: string;
}

type HealthState = "starting" | "healthy" | "unhealthy" | "exited";

function stateOf(info: Docker.ContainerInspectInfo): HealthState {
  if (!info.State.Running) return "exited";
  const health = info.State.Health?.Status;
  if (health === "healthy" || health === "unhealthy") return health;
  // A container without a healthcheck counts as healthy once running.
  return health ? "starting" : "healthy";
}

/**
 * Wait until every target is healthy, one fails, or the deadline passes. Listens to the
 * engine's event stream (health_status, die) instead of polling inspect in a loop; the
 * stream is opened before the first inspect so no transition can be missed in between.
 */
export async function waitForHealthy(
  docker: Docker,
  targets: HealthTarget[],
  deadline: number,
  onChange: (service: string, state: HealthState) => void,
): Promise<{ outcome: HealthOutcome; service: string | null }> {
  if (targets.length === 0) return { outcome: "healthy", service: null };
  const events = (await withEngine(() =>
    docker.getEvents({
      filters: { type: ["container"], event: ["health_status", "die", "start"], container: targets.map((t) => t.containerId) },
    }),
  )) as NodeJS.ReadableStream & { destroy?: () => void };

  const states = new Map<string, HealthState>();
  return new Promise((resolve, reject) => {
    let finished = false;
    const finish = (result: { outcome: HealthOutcome; service: string | null } | Error) => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      events.removeAllListeners("data");
      events.destroy?.();
      if (result instanceof Error) reject(result);
      else resolve(result);
    };
    const update = (target: HealthTarget, state: HealthState) => {
      if (states.get(target.service) === state) return;
      states.set(target.service, state);
      onChange(target.service, state);
      if (state === "unhealthy" || state === "exited") finish({ outcome: state, service: target.service });
      else if (targets.every((t) => states.get(t.service) === "healthy")) finish({ outcome: "healthy", service: null });
    };
    const timer = setTimeout(() => {
      const waiting = targets.find((t) => states.get(t.service) !== "healthy");
      finish({ outcome: "timeout", service: waiting?.service ?? null });
    }, Math.max(0, deadline - Date.now()));

    let pending = "";
    events.on("data", (chunk: Buffer) => {
      pending += chunk.toString("utf8");
      const lines = pending.split("\n");
      pending = lines.pop() ?? "";
      for (const line of lines) {
        if (!line.trim()) continue;
        const event = JSON.parse(line) as { status?: string; id?: string };
        const target = targets.find((t) => t.containerId === event.id);
        if (!target || !event.status) continue;
        if (event.status === "die") update(target, "exited");
        else if (event.status === "health_status: healthy") update(target, "healthy");
        else if (event.status === "health_status: unhealthy") update(target, "unhealthy");
      }
    });
    events.on("error", (error: Error) => finish(error));
    // The daemon closing the stream mid-wait means it went away.
    events.on("end", () => finish(Object.assign(new Error("the Docker engine closed the event stream"), { code: "ECONNRESET" })));

    Promise.all(targets.map(async (target) => update(target, stateOf(await docker.getContainer(target.containerId).inspect()))))
      .catch((error: unknown) => finish(error as Error));
  });
}
