import type Docker from "dockerode";
import { COMPOSE_LABELS } from "../docker/project-resources";
import { asEngineError, withEngine } from "../docker/docker-client";
import { readStackStatus, type StackStatus } from "./stack-status";

/**
 * Follow a project's state from the engine's event stream: read the status once, then again
 * whenever one of its containers changes (start, die, health_status, destroy…) or `refresh`
 * is called. Nothing is polled; a burst of events is folded into one read.
 */
export async function watchStackStatus(
  docker: Docker,
  project: string,
  onStatus: (status: StackStatus) => void,
  onError: (error: unknown) => void,
  { debounceMs = 150 }: { debounceMs?: number } = {},
): Promise<{ stop: () => void; refresh: () => void }> {
  const events = (await withEngine(() =>
    docker.getEvents({ filters: { type: ["container"], label: [`${COMPOSE_LABELS.project}=${project}`] } }),
  )) as NodeJS.ReadableStream & { destroy?: () => void };
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const refresh = () => {
    timer = null;
    readStackStatus(docker, project).then(
      (status) => !stopped && onStatus(status),
      (error) => !stopped && onError(asEngineError(error)),
    );
  };
  const schedule = () => {
    if (!stopped && !timer) timer = setTimeout(refresh, debounceMs);
  };
  const stop = () => {
    if (stopped) return;
    stopped = true;
    if (timer) clearTimeout(timer);
    events.removeAllListeners();
    events.destroy?.();
  };

  events.on("data", schedule);
  events.on("error", (error: Error) => {
    if (!stopped) onError(asEngineError(error));
    stop();
  });
  events.on("end", () => {
    if (!stopped)
      onError(
        asEngineError(Object.assign(new Error("the Docker engine closed the event stream"), { code: "ECONNRESET" })),
      );
    stop();
  });
  refresh();
  return { stop, refresh: schedule };
}
