import type Docker from "dockerode";
import type { ServiceStatus } from "../deploy/stack-status";
import { crashedSinceHealthy, crashWords, readCrashHistory, type CrashHistory } from "../docker/container-history";
import { tailContainerLogs } from "../docker/container-logs";
import { jobProgress } from "../stack/service-verdict";
import { stackServices } from "../stack/stack-services";
import { containerCheckId, REMEDIES } from "./check-ids";
import type { ValidationContext } from "./validation-context";
import { fail, pass, skip, warn, type CheckDefinition, type CheckOutcome } from "./validation-check";
import type { ValidationOptions } from "./validation-options";

type Check = CheckDefinition<ValidationContext>;

/** Lines of a failing container's log kept for diagnosis. */
export const CONTAINER_LOG_LINES = 50;

/**
 * Deadline of a container check. It reads the local engine (state, events, logs), not the
 * network, but an engine busy restarting a crash loop answers slowly: 1.6 s was measured at a
 * load of 9, and a check cut short at the network probes' 2 s loses the very lines the
 * diagnosis needs, so a crash loop's fix went missing from the report.
 */
export const CONTAINER_CHECK_TIMEOUT_MS = 10_000;

const PORT_TAKEN = /port is already allocated|address already in use/i;

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;

/** "crashed 3 times (exit code 1)", from what the engine still knows of the earlier runs. */
function describeCrashes(container: ServiceStatus, crashes: CrashHistory | undefined): string {
  const count = Math.max(container.restartCount, crashes?.exitCodes.length ?? 0, 1);
  const codes = [...new Set(crashes?.exitCodes.slice(-5) ?? [])];
  const exit = codes.length ? ` (exit code${codes.length > 1 ? "s" : ""} ${codes.join(", ")})` : "";
  const words = crashes ? crashWords(crashes.lastRunLines) : null;
  return `crashed ${plural(count, "time")}${exit} and has not been healthy since${words ? `: ${words}` : ""}`;
}

/**
 * What a container's state means for the stack. Pure, so each state is unit-tested. A
 * container is judged by its runs since it was last healthy (`crashes`: what its earlier runs
 * left), not by the moment caught: only one that has not crashed may be "still starting".
 */
export function assessContainer(container: ServiceStatus, crashes?: CrashHistory): CheckOutcome {
  const name = container.containerName;
  const error = container.error ? ` (${container.error})` : "";
  const detail =
    `state ${container.state}, health ${container.health}, restarts ${container.restartCount}, ` +
    `OOMKilled ${container.oomKilled}, exit code ${container.exitCode ?? "–"}${error}`;
  const startRemedy = container.service === "temporal" ? REMEDIES.temporalFailsToStart : null;
  if (container.oomKilled) {
    return fail(`Container ${name} was killed for running out of memory (OOMKilled)`, {
      detail,
      remedy: REMEDIES.insufficientMemory,
    });
  }
  if (container.error && PORT_TAKEN.test(container.error)) {
    return fail(`Container ${name} could not publish its port: ${container.error}`, {
      detail,
      remedy: REMEDIES.portAlreadyInUse,
    });
  }
  if (container.role === "job") return assessJob(container, detail, crashes);
  if (crashedSinceHealthy(container)) {
    const moment =
      container.state === "restarting" ? "waiting to restart" : `running again (health: ${container.health})`;
    return fail(`Container ${name} is crash-looping: it ${describeCrashes(container, crashes)}`, {
      detail: `${moment}; ${detail}`,
      remedy: startRemedy,
    });
  }
  switch (container.state) {
    case "exited":
    case "dead": {
      const code = container.exitCode ?? 0;
      if (code === 137) {
        return fail(`Container ${name} was killed (exit code 137: out of memory, or docker kill)`, {
          detail,
          remedy: REMEDIES.insufficientMemory,
        });
      }
      // 128 + SIGTERM: a process that does not trap it (the UI server) ends so on `docker stop`.
      if (code === 143)
        return fail(`Container ${name} was stopped (exit code 143: SIGTERM, as docker stop sends)`, { detail });
      if (code !== 0) return fail(`Container ${name} exited with code ${code}`, { detail, remedy: startRemedy });
      return fail(`Container ${name} is stopped (exited with code 0)`, { detail });
    }
    case "created":
      return fail(`Container ${name} was created but never started${error}`, { detail });
    case "paused":
      return fail(`Container ${name} is paused`, { detail });
    case "removing":
      return fail(`Container ${name} is being removed`, { detail });
  }
  if (container.health === "unhealthy")
    return fail(`Container ${name} is running but its healthcheck fails`, { detail, remedy: startRemedy });
  if (container.health === "starting")
    return warn(`Container ${name} is still starting (health: starting)`, { detail });
  // Healthy now: earlier restarts are worth a mention, not a degraded report.
  if (container.restartCount > 0)
    return pass(
      `Container ${name} is running and healthy (it restarted ${plural(container.restartCount, "time")} before)`,
      { detail },
    );
  return pass(`Container ${name} is running${container.health === "healthy" ? " and healthy" : ""}`, { detail });
}

/** A one-shot job is healthy once it has exited 0; any other exit is a failure, in its last words. */
function assessJob(container: ServiceStatus, detail: string, run: CrashHistory | undefined): CheckOutcome {
  const name = container.containerName;
  switch (jobProgress(container.state, container.exitCode)) {
    case "running":
      return warn(`Job ${name} is still running`, { detail });
    case "not run":
      return fail(`Job ${name} has not run (${container.state})`, { detail });
    case "completed":
      return pass(`Job ${name} completed successfully`, { detail });
    case "failed": {
      const words = run ? crashWords(run.lastRunLines) : null;
      return fail(`Job ${name} failed (exit code ${container.exitCode})${words ? `: ${words}` : ""}`, { detail });
    }
  }
}

/** A job that ended with an error: its last run is read like a crash. */
const failedJob = (container: ServiceStatus) =>
  container.role === "job" && jobProgress(container.state, container.exitCode) === "failed";

/**
 * Where a container's log stops being evidence: the earlier crashes of a container that has
 * recovered are history, but one that crashed and is not healthy since is judged by its crashes
 * too (between two attempts its current run has not said anything yet).
 */
export function evidenceSince(
  container: Pick<ServiceStatus, "state" | "health" | "restartCount" | "startedAt">,
): number | undefined {
  const current = container.state === "running" && !crashedSinceHealthy(container);
  return current && container.startedAt ? Date.parse(container.startedAt) / 1000 : undefined;
}

/**
 * The lines a diagnosis reads. A crash already read gives the crashed run's lines, then, for a
 * container running again, its current run's; between runs they are the whole tail already.
 */
async function evidenceLines(
  docker: Docker,
  container: ServiceStatus,
  crashes: CrashHistory | undefined,
  secrets: readonly string[],
): Promise<string[]> {
  if (!crashes)
    return tailContainerLogs(docker, container.containerId, CONTAINER_LOG_LINES, secrets, {
      sinceSeconds: evidenceSince(container),
    });
  if (container.state !== "running" || !container.startedAt) return crashes.lastRunLines;
  const current = await tailContainerLogs(docker, container.containerId, CONTAINER_LOG_LINES, secrets, {
    sinceSeconds: Date.parse(container.startedAt) / 1000,
  });
  return [...crashes.lastRunLines, ...current];
}

/**
 * One check per service of the stack, when Docker runs it for this project: state, health,
 * restarts, OOM, exit code, plus the last log lines of a container that looks unwell.
 */
export function containerChecks(options: ValidationOptions): Check[] {
  const project = options.project;
  if (!project) return [];
  return stackServices()
    .filter((entry) => entry.validated(options))
    .map(({ name: service, component }) => ({
      id: containerCheckId(service),
      title: `Container ${project}-${service}`,
      category: "container",
      component,
      dependsOn: [],
      timeoutMs: Math.max(CONTAINER_CHECK_TIMEOUT_MS, options.checkTimeoutMs),
      async run(context) {
        let stack;
        try {
          stack = await context.stack();
        } catch (error) {
          return skip(`skipped: the Docker engine did not answer (${(error as Error).message})`);
        }
        if (!stack.deployed) return skip(`skipped: no containers of project ${project} on this Docker engine`);
        const container = stack.services.find((s) => s.service === service);
        if (!container) return skip(`skipped: project ${project} has no ${service} container`);
        const { docker, secrets } = context;
        const crashes =
          docker && (crashedSinceHealthy(container) || failedJob(container))
            ? await readCrashHistory(docker, container, CONTAINER_LOG_LINES, secrets).catch(() => undefined)
            : undefined;
        const outcome = assessContainer(container, crashes);
        const logs =
          docker && outcome.status !== "pass"
            ? await evidenceLines(docker, container, crashes, secrets).catch(() => [])
            : [];
        context.containers.set(service, {
          service,
          containerName: container.containerName,
          state: container.state,
          health: container.health,
          restartCount: container.restartCount,
          oomKilled: container.oomKilled,
          exitCode: container.exitCode,
          error: container.error,
          uptimeSeconds: container.uptimeSeconds,
          logs,
        });
        return outcome;
      },
    }));
}
