import type Docker from "dockerode";
import type { EngineTarget } from "../stack/engine-target";
import type { MyceliumConfig } from "../config/schema";
import { withEngine } from "../docker/docker-client";
import { listProjectContainers, type ProjectContainer } from "../docker/project-resources";
import type { DetectedEnvironment, ExistingContainer, PortListener } from "../plan/deployment-plan";
import { portsToProbe } from "../plan/deployment-plan";
import { isTemporalFrontend } from "../temporal/temporal-connection";
import { probePort } from "./port-probe";

const COMPOSE_PROJECT_LABEL = "com.docker.compose.project";
const COMPOSE_SERVICE_LABEL = "com.docker.compose.service";

/** Which container publishes each host port, from one `docker ps`. */
async function containersByHostPort(docker: Docker): Promise<Map<number, PortListener["container"]>> {
  const containers = await withEngine(() => docker.listContainers({ all: false }));
  const byPort = new Map<number, PortListener["container"]>();
  for (const container of containers) {
    for (const port of container.Ports ?? []) {
      if (!port.PublicPort) continue;
      byPort.set(port.PublicPort, {
        name: (container.Names?.[0] ?? container.Id.slice(0, 12)).replace(/^\//, ""),
        project: container.Labels?.[COMPOSE_PROJECT_LABEL] ?? null,
        service: container.Labels?.[COMPOSE_SERVICE_LABEL] ?? null,
      });
    }
  }
  return byPort;
}

/**
 * Step 1 of a deploy: what already listens on the ports the config wants (identified by
 * protocol, and by container where Docker holds the port), and this project's containers.
 */
export async function detectEnvironment(engine: EngineTarget, config: MyceliumConfig): Promise<DetectedEnvironment> {
  const { docker } = engine;
  const probeHost = engine.publishedHost(config.deployment.bind_address);
  const [holders, projectContainers] = await Promise.all([
    containersByHostPort(docker),
    listProjectContainers(docker, config.project_name),
  ]);
  const inspected = await Promise.all(projectContainers.map((container) => inspectOwn(docker, container)));
  // The host ports this project's live containers publish, a crash-looping one's included: it
  // holds its port only while it runs, and a probe caught in between would take our own port
  // for a stranger's. A stopped one holds nothing: whatever answers there is probed.
  const ownPorts = new Map(
    inspected
      .filter(({ existing }) => existing.state === "running" || existing.state === "restarting")
      .flatMap(({ existing, hostPorts }) =>
        hostPorts.map(
          (port) => [port, { name: existing.name, project: config.project_name, service: existing.service }] as const,
        ),
      ),
  );
  const ports = new Map<number, PortListener | null>();
  await Promise.all(
    portsToProbe(config).map(async (port) => {
      const container = holders.get(port) ?? null;
      // This project's own containers hold its ports by design: nothing to probe.
      const own = ownPorts.get(port) ?? null;
      if (own)
        return ports.set(port, {
          port,
          protocol: "unknown",
          container: own,
          description: `this project's container ${own.name}`,
        });
      const probe = await probePort(probeHost, port);
      if (!probe.open && !container) return ports.set(port, null);
      let protocol: PortListener["protocol"] =
        probe.protocol === "postgres" || probe.protocol === "http" ? probe.protocol : "unknown";
      let description = probe.description;
      if (probe.protocol === "http2" && (await isTemporalFrontend(`${probeHost}:${port}`, 1000))) {
        protocol = "temporal-grpc";
        description = "a Temporal frontend";
      }
      if (container) description += ` in container ${container.name}`;
      ports.set(port, { port, protocol, container, description });
    }),
  );
  return { ports, containers: inspected.map(({ existing }) => existing), remoteHost: engine.remoteHost };
}

/**
 * The container's health and restart count (whether it can be kept depends on its history), and the host ports it is
 * made to publish.
 */
async function inspectOwn(
  docker: Docker,
  container: ProjectContainer,
): Promise<{ existing: ExistingContainer; hostPorts: number[] }> {
  const info = await withEngine(() => docker.getContainer(container.id).inspect());
  const bindings = Object.values(info.HostConfig.PortBindings ?? {}) as ({ HostPort: string }[] | null)[];
  return {
    existing: {
      id: container.id,
      name: container.name,
      service: container.service,
      configHash: container.configHash,
      state: info.State.Status,
      health: (info.State.Health?.Status as ExistingContainer["health"] | undefined) ?? "none",
      restartCount: info.RestartCount ?? 0,
      exitCode: info.State.Status === "exited" ? info.State.ExitCode : null,
    },
    hostPorts: bindings.flatMap((list) =>
      (list ?? []).map((binding) => Number(binding.HostPort)).filter((port) => port > 0),
    ),
  };
}
