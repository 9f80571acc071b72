import type Docker from "dockerode";
import { isNoSuchObject, withEngine } from "../docker/docker-client";
import { listProjectContainers, listProjectVolumes } from "../docker/project-resources";
import { stackService, startOrder, type ServiceRole } from "../stack/stack-services";

export interface ServiceStatus {
  service: string;
  /** A job is done when it has exited 0 (names the registry does not know count as services). */
  role: ServiceRole;
  containerName: string;
  containerId: string;
  image: string;
  state: string;
  health: "healthy" | "unhealthy" | "starting" | "none";
  ports: { hostIp: string; hostPort: number; containerPort: number }[];
  startedAt: string | null;
  uptimeSeconds: number | null;
  restartCount: number;
  oomKilled: boolean;
  exitCode: number | null;
  error: string | null;
}

export interface StackStatus {
  project: string;
  deployed: boolean;
  services: ServiceStatus[];
  volumes: string[];
}

/** The stack as the engine sees it now: Docker is the source of truth, not our memory. */
export async function readStackStatus(docker: Docker, project: string, now = Date.now()): Promise<StackStatus> {
  const [containers, volumes] = await Promise.all([
    listProjectContainers(docker, project),
    listProjectVolumes(docker, project),
  ]);
  const statuses = await Promise.all(
    containers.map(async (container): Promise<ServiceStatus | null> => {
      // A deploy replacing a container (or a user's `docker rm`) can remove it after the list.
      const info = await withEngine(() => docker.getContainer(container.id).inspect()).catch((error: unknown) => {
        if (isNoSuchObject(error)) return null;
        throw error;
      });
      if (!info) return null;
      const running = info.State.Running;
      const startedAt = running && info.State.StartedAt ? info.State.StartedAt : null;
      const ports = Object.entries(info.HostConfig.PortBindings ?? {}).flatMap(([containerPort, bindings]) =>
        ((bindings as { HostIp: string; HostPort: string }[] | null) ?? []).map((b) => ({
          hostIp: b.HostIp || "0.0.0.0",
          hostPort: Number(b.HostPort),
          containerPort: Number(containerPort.split("/")[0]),
        })),
      );
      return {
        service: container.service,
        role: stackService(container.service)?.role ?? "service",
        containerName: container.name,
        containerId: container.id,
        image: info.Config.Image,
        state: info.State.Status,
        health: (info.State.Health?.Status as ServiceStatus["health"] | undefined) ?? "none",
        ports,
        startedAt,
        uptimeSeconds: startedAt ? Math.max(0, Math.round((now - Date.parse(startedAt)) / 1000)) : null,
        restartCount: info.RestartCount ?? 0,
        oomKilled: info.State.OOMKilled,
        exitCode: info.State.Status === "exited" ? info.State.ExitCode : null,
        error: info.State.Error || null,
      };
    }),
  );
  const services = statuses.filter((status) => status !== null);
  const order = startOrder(services.map((s) => s.service));
  services.sort((a, b) => order.indexOf(a.service) - order.indexOf(b.service));
  return { project, deployed: services.length > 0, services, volumes };
}
