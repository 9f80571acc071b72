import type { MyceliumConfig } from "../config/schema";
import { stackServices, type BuildContext } from "../stack/stack-services";
import type { StackDecisions } from "../stack/stack-settings";
import type { ComposeProject, ComposeService } from "./compose-model";

function retries(totalSeconds: number, intervalSeconds: number): number {
  return Math.max(3, Math.ceil(totalSeconds / intervalSeconds));
}

/**
 * Build the stack for a config and the plan's decisions from the service registry. Pure: the
 * same input gives the same project, which is what makes redeploys idempotent (config hashes
 * are computed from it).
 */
export function buildComposeProject(config: MyceliumConfig, decisions: StackDecisions): ComposeProject {
  const project = config.project_name;
  const timeout = config.deployment.healthcheck_timeout;
  const context: BuildContext = {
    config,
    decisions,
    health: (command, intervalSeconds, startPeriodSeconds) => ({
      test: typeof command === "string" ? ["CMD-SHELL", command] : ["CMD", ...command],
      intervalSeconds,
      timeoutSeconds: 5,
      retries: retries(timeout, intervalSeconds),
      startPeriodSeconds,
    }),
  };
  const running = stackServices().filter((entry) => entry.runs(config));
  const runningNames = new Set<string>(running.map((entry) => entry.name));
  const services: ComposeService[] = [];
  const volumes: string[] = [];
  const files: ComposeProject["files"] = [];
  for (const entry of running) {
    const built = entry.build(context);
    services.push({
      ...built.container,
      name: entry.name,
      role: entry.role,
      containerName: `${project}-${entry.name}`,
      dependsOn: entry.dependsOn.filter((dependency) => runningNames.has(dependency.service)),
    });
    volumes.push(...(built.volumes ?? []));
    files.push(...(built.files ?? []));
  }
  return { name: project, services, volumes, files };
}
