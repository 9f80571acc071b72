import type { ServiceStatus } from "../deploy/stack-status";
import { tailContainerLogs } from "../docker/container-logs";
import { containerCheckId, REMEDIES } from "./check-ids";
import type { ValidationContext } from "./validation-context";
import { fail, pass, skip, warn, type CheckComponent, type CheckDefinition, type CheckOutcome } from "./validation-check";
import type { ValidationOptions } from "./validation-options";

type Check = CheckDefinition<ValidationContext>;

/** Lines of a failing container's log kept for diagnosis. */
export const CONTAINER_LOG_LINES = 50;

const PORT_TAKEN = /port is already allocated|address already in use/i;

/** What a container's state means for the stack. Pure, so each state is unit-tested. */
export function assessContainer(container: ServiceStatus): CheckOutcome {
  const name = container.containerName;
  const error = container.error ? ` (${container.error})` : "";
  const detail = `state ${container.state}, health ${container.health}, restarts ${container.restartCount}, OOMKilled ${container.oomKilled}, exit code ${container.exitCode ?? "–"}${error}`;
  const startRemedy = container.service === "temporal" ? REMEDIES.temporalFailsToStart : null;
  if (container.oomKilled) {
    return fail(`Container ${name} was killed for running out of memory (OOMKilled)`, { detail, remedy: REMEDIES.insufficientMemory });
  }
  if (container.error && PORT_TAKEN.test(container.error)) {
    return fail(`Container ${name} could not publish its port: ${container.error}`, { detail, remedy: REMEDIES.portAlreadyInUse });
  }
  switch (container.state) {
    case "restarting":
      return fail(`Container ${name} is restarting continuously (${container.restartCount} restarts)`, { detail, remedy: startRemedy });
    case "exited":
    case "dead": {
      const code = container.exitCode ?? 0;
      if (code === 137) {
        return fail(`Container ${name} was killed (exit code 137: out of memory, or docker kill)`, { detail, remedy: REMEDIES.insufficientMemory });
      }
      // 128 + SIGTERM: a process that does not trap it (the UI server) ends so on `docker stop`.
      if (code === 143) return fail(`Container ${name} was stopped (exit code 143: SIGTERM, as docker stop sends)`, { detail });
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
  if (container.health === "unhealthy") return fail(`Container ${name} is running but its healthcheck fails`, { detail, remedy: startRemedy });
  if (container.health === "starting") return warn(`Container ${name} is still starting (health: starting)`, { detail });
  const restarts = `${container.restartCount} time${container.restartCount === 1 ? "" : "s"}`;
  // Healthy now: earlier restarts are worth a mention, not a degraded report.
  if (container.restartCount > 0 && container.health === "healthy") return pass(`Container ${name} is running and healthy (it restarted ${restarts} before)`, { detail });
  if (container.restartCount > 0) return warn(`Container ${name} is running, but has restarted ${restarts}`, { detail, remedy: startRemedy });
  return pass(`Container ${name} is running${container.health === "healthy" ? " and healthy" : ""}`, { detail });
}

/**
 * Where a container's log stops being evidence: the earlier crashes of a container that has
 * recovered are history, but one that crashed and is not healthy since is judged by its crashes
 * too (between two attempts its current run has not said anything yet).
 */
export function evidenceSince(container: Pick<ServiceStatus, "state" | "health" | "restartCount" | "startedAt">): number | undefined {
  const recovered = container.state === "running" && (container.restartCount === 0 || container.health === "healthy");
  return recovered && container.startedAt ? Date.parse(container.startedAt) / 1000 : undefined;
}

const COMPONENT: Record<string, CheckComponent> = { postgres: "postgres", temporal: "temporal", "temporal-ui": "ui", redis: "redis" };

/** The services the config runs, as compose service names. */
function expectedServices(options: ValidationOptions): string[] {
  return [
    options.checkPostgres && !options.postgresReused ? "postgres" : null,
    options.checkTemporal ? "temporal" : null,
    options.checkTemporal && options.temporalUiPort !== null ? "temporal-ui" : null,
    options.redisPort !== null ? "redis" : null,
  ].filter((s): s is string => s !== null);
}

/**
 * One check per service of the stack, when Docker runs it for this project: state, health,
 * restarts, OOM, exit code, plus the last log lines of a container that looks unwell.
 */
export function containerChecks(options: ValidationOptions): Check[] {
  const project = options.project;
  if (!project) return [];
  return expectedServices(options).map((service) => ({
    id: containerCheckId(service),
    title: `Container ${project}-${service}`,
    category: "container",
    component: COMPONENT[service] ?? "temporal",
    dependsOn: [],
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
      const outcome = assessContainer(container);
      let logs: string[] = [];
      if (outcome.status !== "pass" && context.docker) {
        logs = await tailContainerLogs(context.docker, container.containerId, CONTAINER_LOG_LINES, context.secrets, {
          sinceSeconds: evidenceSince(container),
        }).catch(() => []);
      }
      context.containers.set(service, {
        service,
        containerName: container.containerName,
        state: container.state,
        health: container.health,
        restartCount: container.restartCount,
        oomKilled: container.oomKilled,
        exitCode: container.exitCode,
        error: container.error,
        logs,
      });
      return outcome;
    },
  }));
}
