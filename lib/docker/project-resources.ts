import type Docker from "dockerode";
import { COMPOSE_VERSION_LABEL, composeNames, myceliumLabels } from "../compose/compose-model";
import type { ServiceName } from "../stack/stack-services";
import { withEngine } from "./docker-client";

/** Compose's label keys: with them `docker-compose -p <project> ps` lists our containers. */
export const COMPOSE_LABELS = {
  project: "com.docker.compose.project",
  service: "com.docker.compose.service",
  oneoff: "com.docker.compose.oneoff",
  containerNumber: "com.docker.compose.container-number",
  version: "com.docker.compose.version",
  configHash: "com.docker.compose.config-hash",
  workingDir: "com.docker.compose.project.working_dir",
  configFiles: "com.docker.compose.project.config_files",
  network: "com.docker.compose.network",
  volume: "com.docker.compose.volume",
} as const;

export function containerLabels(
  project: string,
  service: ServiceName,
  configHash: string,
  deploymentDir: string,
): Record<string, string> {
  return {
    [COMPOSE_LABELS.project]: project,
    [COMPOSE_LABELS.service]: service,
    [COMPOSE_LABELS.oneoff]: "False",
    [COMPOSE_LABELS.containerNumber]: "1",
    [COMPOSE_LABELS.version]: COMPOSE_VERSION_LABEL,
    [COMPOSE_LABELS.configHash]: configHash,
    [COMPOSE_LABELS.workingDir]: deploymentDir,
    [COMPOSE_LABELS.configFiles]: `${deploymentDir}/docker-compose.yml`,
    ...myceliumLabels(project, service),
  };
}

export function networkLabels(project: string): Record<string, string> {
  return {
    [COMPOSE_LABELS.project]: project,
    [COMPOSE_LABELS.network]: "default",
    [COMPOSE_LABELS.version]: COMPOSE_VERSION_LABEL,
    ...myceliumLabels(project),
  };
}

export function volumeLabels(project: string, volume: string): Record<string, string> {
  return {
    [COMPOSE_LABELS.project]: project,
    [COMPOSE_LABELS.volume]: volume,
    [COMPOSE_LABELS.version]: COMPOSE_VERSION_LABEL,
    ...myceliumLabels(project),
  };
}

export interface ProjectContainer {
  id: string;
  name: string;
  service: string;
  image: string;
  configHash: string | null;
  state: string;
  status: string;
}

const projectFilter = (project: string) => ({ label: [`${COMPOSE_LABELS.project}=${project}`] });

/** This project's containers (running or not), found by the compose project label. */
export async function listProjectContainers(docker: Docker, project: string): Promise<ProjectContainer[]> {
  const containers = await withEngine(() => docker.listContainers({ all: true, filters: projectFilter(project) }));
  return containers
    .filter((c) => c.Labels?.[COMPOSE_LABELS.oneoff] !== "True")
    .map((c) => ({
      id: c.Id,
      name: (c.Names?.[0] ?? "").replace(/^\//, ""),
      service: c.Labels?.[COMPOSE_LABELS.service] ?? "",
      image: c.Image,
      configHash: c.Labels?.[COMPOSE_LABELS.configHash] ?? null,
      state: c.State,
      status: c.Status,
    }));
}

export async function listProjectVolumes(docker: Docker, project: string): Promise<string[]> {
  const { Volumes } = await withEngine(() => docker.listVolumes({ filters: projectFilter(project) }));
  return (Volumes ?? []).map((volume) => volume.Name);
}

export async function findProjectNetwork(docker: Docker, project: string): Promise<string | null> {
  const networks = await withEngine(() => docker.listNetworks({ filters: { name: [composeNames.network(project)] } }));
  return networks.find((network) => network.Name === composeNames.network(project))?.Id ?? null;
}
