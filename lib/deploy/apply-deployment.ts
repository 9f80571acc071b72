import type Docker from "dockerode";
import { composeNames, type ComposeService } from "../compose/compose-model";
import { orderByDependencies } from "../stack/stack-services";
import { crashWords } from "../docker/container-history";
import { checkEngine, withEngine } from "../docker/docker-client";
import { waitForHealthy } from "../docker/container-health";
import { tailContainerLogs } from "../docker/container-logs";
import { containerCreateOptions } from "../docker/container-spec";
import { imageExists, pullImage } from "../docker/image-pull";
import {
  findProjectNetwork,
  listProjectContainers,
  listProjectVolumes,
  networkLabels,
  volumeLabels,
} from "../docker/project-resources";
import { MyceliumError, type ErrorCode } from "../errors";
import type { DeploymentPlan, ServicePlan } from "../plan/deployment-plan";
import type { DeployEventSink } from "./deploy-events";
import { passwordsIn, writeDeploymentFiles } from "./deployment-files";
import { explainSlowStart } from "./slow-start";

/** A deploy failure that names the container and carries its last log lines. */
export class DeployFailure extends MyceliumError {
  constructor(
    message: string,
    readonly service: string | null,
    readonly logTail: string[],
    options: { hint?: string; cause?: unknown; code?: ErrorCode } = {},
  ) {
    super(options.code ?? "unavailable:deploy_failed", message, options);
  }
}

export interface ApplyOptions {
  deploymentDir: string;
  autoStart: boolean;
  healthTimeoutSeconds: number;
  emit: DeployEventSink;
}

const LOG_TAIL_LINES = 30;
const DAEMON_SHUTDOWN_GRACE_MS = 5000;

/** What dockerode rejects with: the engine's own message is in `json.message`. */
type EngineError = { statusCode?: number; json?: { message?: string } | null; message?: string };

function engineMessage(error: EngineError): string {
  return (error.json?.message ?? error.message ?? String(error)).trim();
}

interface StartedContainer {
  service: string;
  role: ComposeService["role"];
  containerId: string;
  containerName: string;
}

/** Services ordered so that each comes after the services it depends on. */
export function dependencyOrder(services: ComposeService[]): ComposeService[] {
  return orderByDependencies(
    services,
    (service) => service.name,
    (service) => service.dependsOn.map((d) => d.service),
  );
}

/**
 * Make the engine match the plan: files, network, volumes, images, then containers in
 * dependency order, each replaced and started only once what it depends on is healthy.
 * Containers the plan keeps are not touched; volumes are never removed here.
 */
export async function applyDeployment(docker: Docker, plan: DeploymentPlan, options: ApplyOptions): Promise<void> {
  const { emit } = options;
  const project = plan.project;
  const secretValues = passwordsIn(plan.secrets);
  const deadline = Date.now() + options.healthTimeoutSeconds * 1000;

  emit({ type: "phase", phase: "files", message: `Writing ${options.deploymentDir}` });
  await writeDeploymentFiles(options.deploymentDir, plan.composeProject, plan.secrets);

  emit({ type: "phase", phase: "network", message: `Network ${composeNames.network(project)}` });
  // A daemon that lost its network store keeps containers whose network is gone: they can
  // only be recreated on the new network.
  const networkMissing = !(await findProjectNetwork(docker, project));
  if (networkMissing) {
    await withEngine(() =>
      docker.createNetwork({
        Name: composeNames.network(project),
        Driver: "bridge",
        Labels: networkLabels(project),
        CheckDuplicate: true,
      }),
    );
  }

  emit({ type: "phase", phase: "volumes", message: "Data volumes (kept across deploys)" });
  const existingVolumes = new Set(await listProjectVolumes(docker, project));
  for (const volume of plan.composeProject.volumes) {
    const name = composeNames.volume(project, volume);
    if (!existingVolumes.has(name))
      await withEngine(() => docker.createVolume({ Name: name, Labels: volumeLabels(project, volume) }));
  }

  const byService = new Map(
    plan.services.map((s) =>
      networkMissing && (s.action === "keep" || s.action === "start")
        ? [s.service, { ...s, action: "recreate" as const, reason: "its network is gone" }]
        : [s.service, s],
    ),
  );
  const changing = plan.composeProject.services.filter((s) =>
    ["create", "recreate"].includes(byService.get(s.name)?.action ?? ""),
  );
  emit({
    type: "phase",
    phase: "images",
    message: changing.length ? "Checking images" : "No new containers: images unchanged",
  });
  for (const image of new Set(changing.map((s) => s.image))) {
    if (await imageExists(docker, image)) continue;
    await pullImage(docker, image, (progress) => emit({ type: "pull", ...progress }));
  }

  emit({ type: "phase", phase: "containers", message: "Containers, in dependency order" });
  const existing = await listProjectContainers(docker, project);
  for (const removal of plan.services.filter((s) => s.action === "remove")) {
    const container = existing.find((c) => c.service === removal.service);
    if (container) await withEngine(() => docker.getContainer(container.id).remove({ force: true, v: false }));
    emit({
      type: "container",
      service: removal.service,
      action: "removed",
      message: `${removal.containerName} removed (${removal.reason})`,
    });
  }

  const started: StartedContainer[] = [];
  for (const service of dependencyOrder(plan.composeProject.services)) {
    const servicePlan = byService.get(service.name)!;
    const current = existing.find((c) => c.service === service.name);
    if (options.autoStart) {
      // Like compose's `depends_on: condition:`: what this one waits for is healthy or completed
      // first, and before its container is replaced: a server whose new schema job fails keeps
      // running the version it ran (schema first, then the server).
      const waitsFor = service.dependsOn.filter((d) => d.condition !== "started").map((d) => d.service as string);
      const dependencies = started.filter((s) => waitsFor.includes(s.service));
      await waitOrFail(docker, dependencies, deadline, options, secretValues);
    }
    const containerId = await reconcileContainer(docker, plan, service, servicePlan, current?.id ?? null, options);
    if (!options.autoStart) continue;
    if (servicePlan.action !== "keep") {
      // restart, not start: a container in a restart loop would otherwise wait out Docker's back-off.
      const container = docker.getContainer(containerId);
      await withEngine(() => (servicePlan.action === "start" ? container.restart() : container.start())).catch(
        async (error: EngineError) => {
          if (error instanceof MyceliumError) throw error;
          const reason = engineMessage(error);
          throw new DeployFailure(
            `${service.containerName} could not start: ${reason}`,
            service.name,
            await tailContainerLogs(docker, containerId, LOG_TAIL_LINES, secretValues).catch(() => []),
            {
              hint: /port is already allocated|address already in use/i.test(reason)
                ? "Another program took the port after the plan was " +
                  "made: deploy again and Mycelium proposes a free one."
                : "The message above is Docker's own; the health report and the logs page have more.",
              cause: error,
            },
          );
        },
      );
      emit({
        type: "container",
        service: service.name,
        action: "started",
        message: `${service.containerName} started`,
      });
    }
    started.push({ service: service.name, role: service.role, containerId, containerName: service.containerName });
  }

  if (options.autoStart) {
    emit({
      type: "phase",
      phase: "health",
      message: `Waiting up to ${options.healthTimeoutSeconds} s for every container to be healthy`,
    });
    await waitOrFail(docker, started, deadline, options, secretValues);
  }
}

async function reconcileContainer(
  docker: Docker,
  plan: DeploymentPlan,
  service: ComposeService,
  servicePlan: ServicePlan,
  currentId: string | null,
  options: ApplyOptions,
): Promise<string> {
  if (currentId && (servicePlan.action === "keep" || servicePlan.action === "start")) return currentId;
  if (currentId) {
    options.emit({
      type: "container",
      service: service.name,
      action: "recreate",
      message: `${service.containerName}: ${servicePlan.reason}, recreating`,
    });
    await withEngine(() => docker.getContainer(currentId).remove({ force: true, v: false }));
  }
  const created = await withEngine(() =>
    docker.createContainer(
      containerCreateOptions(plan.project, service, plan.secrets, servicePlan.configHash!, options.deploymentDir),
    ),
  ).catch((error: EngineError) => {
    if (error instanceof MyceliumError) throw error;
    throw new DeployFailure(`Could not create ${service.containerName}: ${engineMessage(error)}`, service.name, [], {
      hint:
        error.statusCode === 409
          ? "A container with that name exists outside this project: rename or remove it."
          : undefined,
      cause: error,
    });
  });
  if (!currentId)
    options.emit({
      type: "container",
      service: service.name,
      action: "create",
      message: `${service.containerName} created`,
    });
  return created.id;
}

async function waitOrFail(
  docker: Docker,
  targets: StartedContainer[],
  deadline: number,
  options: ApplyOptions,
  secretValues: string[],
): Promise<void> {
  const result = await withEngine(() =>
    waitForHealthy(
      docker,
      targets,
      deadline,
      (service, status, why) =>
        options.emit({
          type: "health",
          service,
          status,
          secondsLeft: Math.max(0, Math.round((deadline - Date.now()) / 1000)),
          ...(why ? { why } : {}),
        }),
      (target) => explainSlowStart(docker, target),
    ),
  );
  if (result.outcome === "healthy") return;
  const target = targets.find((t) => t.service === result.service);
  const logTail = target
    ? await tailContainerLogs(docker, target.containerId, LOG_TAIL_LINES, secretValues).catch(() => [])
    : [];
  // A daemon shutting down stops its containers before it stops answering: watch it for a
  // few seconds, and blame the daemon, not the container, when it goes away.
  if (result.outcome === "exited" || result.outcome === "failed") {
    for (let waited = 0; waited < DAEMON_SHUTDOWN_GRACE_MS; waited += 250) {
      await checkEngine(docker);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  await checkEngine(docker);
  const name = target?.containerName ?? result.service ?? "A container";
  // A job's last words say what it could not do (a login, a migration); a killed service's
  // last line may say nothing of the kind, so only a job's are quoted.
  const jobWords = result.outcome === "failed" ? crashWords(logTail) : null;
  const why = {
    unhealthy: "its healthcheck kept failing",
    exited: "it exited",
    failed: `the job exited with an error${jobWords ? `: ${jobWords.replace(/\.$/, "")}` : ""}`,
    timeout: `it was not healthy within ${options.healthTimeoutSeconds} s`,
  }[result.outcome];
  throw new DeployFailure(`${name} failed: ${why}.`, result.service, logTail, {
    code: "unavailable:container_unhealthy",
    hint:
      result.outcome === "timeout"
        ? "If it is still starting (first start, slow machine), raise " +
          "deployment.healthcheck_timeout and deploy again; the last log lines are below."
        : "The last log lines below usually say why; the health report names the fix.",
  });
}
