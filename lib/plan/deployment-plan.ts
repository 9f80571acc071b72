import { reusesExistingPostgres, type MyceliumConfig } from "../config/schema";
import { buildComposeProject } from "../compose/build-compose-project";
import type { ComposeProject, ComposeService } from "../compose/compose-model";
import { serviceConfigHash } from "../compose/config-hash";
import { crashedSinceHealthy } from "../docker/container-history";
import { stackService, stackServices, type ServiceName } from "../stack/stack-services";
import { DOCKER_HOST_ALIAS, ENV_KEYS, resolveStackDecisions, type StackDecisions } from "../stack/stack-settings";

/** Who answers on a host port, as detection identified it. */
export interface PortListener {
  port: number;
  protocol: "postgres" | "temporal-grpc" | "http" | "unknown";
  /** Set when a Docker container publishes the port. */
  container: { name: string; project: string | null; service: string | null } | null;
  /** What the listener said about itself, e.g. "PostgreSQL" or "HTTP 200 (nginx)". */
  description: string;
}

/** A container of this project found by its labels. */
export interface ExistingContainer {
  id: string;
  name: string;
  service: string;
  configHash: string | null;
  state: string;
  health: "healthy" | "unhealthy" | "starting" | "none";
  /** Restarts by Docker's restart policy since the container was last started by hand. */
  restartCount: number;
  /** Set when it has exited: a job that exited 0 is done. */
  exitCode: number | null;
}

export interface DetectedEnvironment {
  /** Every host port that was probed, with its listener or null when nothing answers. */
  ports: Map<number, PortListener | null>;
  containers: ExistingContainer[];
  /** The engine's machine when it is not this one: its published ports are open to that machine's network. */
  remoteHost?: string | null;
}

/** `reuse`: a server that already runs outside the project (PostgreSQL only) is used as it is. */
export type ServiceAction = "create" | "recreate" | "start" | "keep" | "remove" | "reuse";

export interface ServicePlan {
  service: ServiceName | string;
  containerName: string;
  action: ServiceAction;
  reason: string;
  image: string | null;
  configHash: string | null;
}

export interface PortConflict {
  service: ServiceName;
  field: string;
  port: number;
  listener: PortListener;
  proposedPort: number | null;
  /** A foreign PostgreSQL on PostgreSQL's port: it can be reused instead of moving ours. */
  reusable: boolean;
}

/** Something that stops a deploy before anything is created, with what to do about it. */
export interface PlanBlocker {
  message: string;
  hint: string;
}

export interface DeploymentPlan {
  project: string;
  decisions: StackDecisions;
  composeProject: ComposeProject;
  services: ServicePlan[];
  portConflicts: PortConflict[];
  /** Config field edits that resolve every port conflict (the "use free ports" fix). */
  portFixEdits: Record<string, number>;
  /** The existing PostgreSQL that Temporal will use (`reuse_existing`), as detection found it. */
  reusedPostgres: PortListener | null;
  blockers: PlanBlocker[];
  warnings: string[];
  /** Values for `.env`: never sent to a browser or printed. */
  secrets: Record<string, string>;
}

export interface PlanInput {
  config: MyceliumConfig;
  environment: DetectedEnvironment;
  /** The current deployment's `.env`, so a redeploy keeps its password. */
  existingSecrets: Record<string, string> | null;
  generatePassword(): string;
  /** Services that must start afresh whatever their state, with the reason (a fix knows why). */
  recreate?: Partial<Record<ServiceName, string>>;
}

/** The host ports the config publishes, one per running service that has one. */
function publishedPorts(config: MyceliumConfig): { service: ServiceName; field: string; port: number }[] {
  return stackServices().flatMap((entry) =>
    entry.hostPort && entry.runs(config)
      ? [{ service: entry.name, field: entry.hostPort.field, port: entry.hostPort.value(config) }]
      : [],
  );
}

/** Host ports worth probing for a config: each configured port and a few above it as alternatives. */
export function portsToProbe(config: MyceliumConfig, alternatives = 10): number[] {
  const ports = new Set<number>();
  for (const entry of publishedPorts(config)) {
    for (let offset = 0; offset <= alternatives; offset++) {
      const port = entry.port + offset;
      if (port <= 65535) ports.add(port);
    }
  }
  // A reused server must be found where the config says it is.
  if (reusesExistingPostgres(config)) ports.add(config.services.postgres.port);
  return [...ports].sort((a, b) => a - b);
}

function isOurs(listener: PortListener, project: string): boolean {
  return listener.container?.project === project;
}

/**
 * Decide what a deploy does, without doing anything: per service create / recreate / start /
 * keep, port conflicts with a proposed free port, and the secrets to keep or generate.
 */
export function planDeployment(input: PlanInput): DeploymentPlan {
  const { config, environment } = input;
  const project = config.project_name;
  const decisions = resolveStackDecisions(config);
  const warnings: string[] = [];

  const password = input.existingSecrets?.[ENV_KEYS.password] || input.generatePassword();
  const previousUser = input.existingSecrets?.[ENV_KEYS.user];
  if (previousUser && previousUser !== config.services.postgres.user && !reusesExistingPostgres(config)) {
    warnings.push(
      `The PostgreSQL user changed from "${previousUser}" to "${config.services.postgres.user}". ` +
        `PostgreSQL applies POSTGRES_USER only when its data volume is first created, so ` +
        `Temporal will fail to log in unless you create that role yourself.`,
    );
  }
  if (environment.remoteHost) {
    warnings.push(
      `The engine runs on ${environment.remoteHost}: the stack's ports are published on ` +
        `${config.deployment.bind_address} there, open to every machine that reaches ${environment.remoteHost}. ` +
        "PostgreSQL and Temporal's frontend accept whoever connects; keep that network private or firewall the ports.",
    );
  }
  const reusedPassword = input.existingSecrets?.[ENV_KEYS.reusedPassword];
  const secrets = {
    [ENV_KEYS.user]: config.services.postgres.user,
    [ENV_KEYS.password]: password,
    [ENV_KEYS.database]: config.services.postgres.database,
    ...(reusedPassword ? { [ENV_KEYS.reusedPassword]: reusedPassword } : {}),
  };
  const { reusedPostgres, blockers } = checkReusedPostgres(config, environment, reusedPassword);

  // Ports: a port held by anything but this project's own container is a conflict.
  const usedPorts = new Set<number>();
  const published = publishedPorts(config);
  for (const entry of published) usedPorts.add(entry.port);
  const portConflicts: PortConflict[] = [];
  const portFixEdits: Record<string, number> = {};
  for (const entry of published) {
    const port = entry.port;
    const listener = environment.ports.get(port) ?? null;
    if (!listener || isOurs(listener, project)) continue;
    const proposedPort =
      [...environment.ports.entries()]
        .filter(([candidate, holder]) => candidate > port && holder === null && !usedPorts.has(candidate))
        .map(([candidate]) => candidate)
        .sort((a, b) => a - b)[0] ?? null;
    if (proposedPort !== null) {
      usedPorts.add(proposedPort);
      portFixEdits[entry.field] = proposedPort;
    }
    const reusable = entry.service === "postgres" && listener.protocol === "postgres";
    portConflicts.push({ service: entry.service, field: entry.field, port, listener, proposedPort, reusable });
  }

  const composeProject = buildComposeProject(config, decisions);
  const services: ServicePlan[] = restartDependants(
    composeProject.services,
    composeProject.services.map((service) => {
      const configHash = serviceConfigHash(service, secrets);
      const existing = environment.containers.find((container) => container.service === service.name);
      const base = { service: service.name, containerName: service.containerName, image: service.image, configHash };
      if (!existing) return { ...base, action: "create", reason: "no container yet" };
      const forced = input.recreate?.[service.name];
      if (forced) return { ...base, action: "recreate", reason: forced };
      if (existing.configHash !== configHash)
        return { ...base, action: "recreate", reason: "its configuration changed" };
      return { ...base, ...reuseVerdict(service, existing) };
    }),
  );
  if (reusedPostgres) {
    services.unshift({
      service: "postgres",
      containerName: reusedPostgres.container?.name ?? `port ${reusedPostgres.port}`,
      action: "reuse",
      reason: `${reusedPostgres.description} already runs there: Temporal uses it through ${DOCKER_HOST_ALIAS}`,
      image: null,
      configHash: null,
    });
  }
  const wanted = new Set(composeProject.services.map((service) => service.name as string));
  for (const container of environment.containers) {
    if (wanted.has(container.service)) continue;
    services.push({
      service: container.service,
      containerName: container.name,
      action: "remove",
      reason:
        reusedPostgres && container.service === "postgres"
          ? "an existing server is reused instead (its data volume is kept)"
          : "the service is no longer enabled (its data volume is kept)",
      image: null,
      configHash: null,
    });
  }

  return {
    project,
    decisions,
    composeProject,
    services,
    portConflicts,
    portFixEdits,
    reusedPostgres,
    blockers,
    warnings,
    secrets,
  };
}

/**
 * A kept service whose client backs off for minutes after its server went away (the registry's
 * restartsWithDependencies) is restarted when this deploy starts that server afresh, so it
 * reconnects at once. Plans are in dependency order, so a restart passes down the chain.
 */
function restartDependants(services: readonly ComposeService[], plans: ServicePlan[]): ServicePlan[] {
  const fresh = new Set<string>();
  return plans.map((plan, index) => {
    const service = services[index]!;
    const dependency = service.dependsOn.find((d) => fresh.has(d.service));
    const next =
      plan.action === "keep" && dependency && stackService(service.name)?.restartsWithDependencies
        ? {
            ...plan,
            action: "start" as const,
            reason: `${dependency.service} starts afresh, and it reconnects only slowly by itself`,
          }
        : plan;
    if (next.action === "create" || next.action === "recreate" || next.action === "start") fresh.add(service.name);
    return next;
  });
}

/** What to do with a container whose configuration is current, judged by its role, state and history. */
export function reuseVerdict(
  service: ComposeService,
  existing: ExistingContainer,
): Pick<ServicePlan, "action" | "reason"> {
  if (service.role === "job") {
    if (existing.state === "exited" && existing.exitCode === 0)
      return { action: "keep", reason: "already completed with this configuration" };
    if (existing.state === "exited")
      return { action: "start", reason: `it failed (exit code ${existing.exitCode}) and runs again` };
    if (existing.state === "running") return { action: "keep", reason: "still running" };
    return { action: "start", reason: `it is ${existing.state}` };
  }
  const failing = failingHistory(existing);
  if (failing) return { action: "recreate", reason: `${failing}: a new container starts with a clean history` };
  if (existing.state !== "running") return { action: "start", reason: `it is ${existing.state}` };
  return { action: "keep", reason: "already running with this configuration" };
}

/**
 * Why a container cannot be trusted to come up by itself, judged from its state and history
 * rather than one moment: a crash loop is "running" for a second between two attempts.
 */
function failingHistory(container: Pick<ExistingContainer, "state" | "health" | "restartCount">): string | null {
  const restarts = `${container.restartCount} restart${container.restartCount === 1 ? "" : "s"}`;
  if (container.state === "restarting") return `it keeps restarting (${restarts})`;
  if (container.health === "unhealthy") return "its healthcheck fails";
  if (crashedSinceHealthy(container)) return `it crashed and was restarted (${restarts}) and is not healthy since`;
  return null;
}

/** With `reuse_existing`, a PostgreSQL of someone else's must answer on the port, and its password be known. */
function checkReusedPostgres(
  config: MyceliumConfig,
  environment: DetectedEnvironment,
  reusedPassword: string | undefined,
): { reusedPostgres: PortListener | null; blockers: PlanBlocker[] } {
  const { postgres } = config.services;
  if (!reusesExistingPostgres(config)) return { reusedPostgres: null, blockers: [] };
  const listener = environment.ports.get(postgres.port) ?? null;
  const switchBack = "or set services.postgres.reuse_existing: false to run PostgreSQL in a container again.";
  const blockers: PlanBlocker[] = [];
  if (!listener) {
    blockers.push({
      message: `services.postgres.reuse_existing is on, but nothing listens on port ${postgres.port}.`,
      hint: `Start the PostgreSQL server you want to reuse, ${switchBack}`,
    });
  } else if (isOurs(listener, config.project_name)) {
    blockers.push({
      message: `Port ${postgres.port} is held by this project's own PostgreSQL container, not by a server to reuse.`,
      hint: `Set services.postgres.reuse_existing: false to keep using it.`,
    });
  } else if (listener.protocol !== "postgres") {
    blockers.push({
      message:
        `services.postgres.reuse_existing is on, but ${listener.description} ` +
        `on port ${postgres.port} is not a PostgreSQL server.`,
      hint: `Point services.postgres.port at the PostgreSQL server to reuse, ${switchBack}`,
    });
  }
  if (!reusedPassword) {
    blockers.push({
      message: "The password for the existing PostgreSQL has not been tested yet.",
      hint:
        'Enter it in the deploy wizard (Detect step, "Reuse this ' +
        'PostgreSQL") or run `mycelium deploy reuse-postgres --user <name>`.',
    });
  }
  return { reusedPostgres: blockers.length === 0 ? listener : null, blockers };
}
