import type Docker from "dockerode";
import { withEngine } from "../docker/docker-client";
import { findProjectNetwork, listProjectContainers, listProjectVolumes } from "../docker/project-resources";
import { withMaintenanceLock } from "../backup/maintenance-lock";
import { MyceliumError } from "../errors";
import { deploymentDirectory } from "./deployment-files";
import { startOrder } from "../stack/stack-services";

/**
 * Stop every container of the project, dependants first; data and containers stay. Under the
 * project's lock, as the removal is: either in the middle of a deploy (or an upgrade, a restore)
 * would pull containers from under it and leave neither stack standing.
 */
export async function stopStack(
  docker: Docker,
  project: string,
  deploymentDir = deploymentDirectory(project),
): Promise<string[]> {
  return withMaintenanceLock(deploymentDir, "shutdown", () => stopContainers(docker, project));
}

async function stopContainers(docker: Docker, project: string): Promise<string[]> {
  const containers = await listProjectContainers(docker, project);
  const stopped: string[] = [];
  for (const service of startOrder(containers.map((c) => c.service)).reverse()) {
    const container = containers.find((c) => c.service === service)!;
    if (container.state !== "running") continue;
    await withEngine(() => docker.getContainer(container.id).stop({ t: 20 })).catch(ignoreNotModified);
    stopped.push(container.name);
  }
  return stopped;
}

export interface DownResult {
  removedContainers: string[];
  removedNetwork: boolean;
  removedVolumes: string[];
  keptVolumes: string[];
}

/**
 * Remove the project's containers and network. Volumes (the data) are kept unless
 * `removeDataConfirmation` is exactly the project name, typed by the user.
 */
export async function downStack(
  docker: Docker,
  project: string,
  removeDataConfirmation: string | null,
  deploymentDir = deploymentDirectory(project),
): Promise<DownResult> {
  if (removeDataConfirmation !== null && removeDataConfirmation !== project) {
    throw new MyceliumError(
      "bad_request:confirmation",
      "The confirmation does not match the project name; nothing was removed.",
      {
        hint: `Type the project name (${project}) exactly to remove its data.`,
      },
    );
  }
  return withMaintenanceLock(deploymentDir, "removal", () => removeStack(docker, project, removeDataConfirmation));
}

async function removeStack(
  docker: Docker,
  project: string,
  removeDataConfirmation: string | null,
): Promise<DownResult> {
  const containers = await listProjectContainers(docker, project);
  for (const container of containers) {
    await withEngine(() => docker.getContainer(container.id).remove({ force: true, v: false }));
  }
  const networkId = await findProjectNetwork(docker, project);
  if (networkId) await withEngine(() => docker.getNetwork(networkId).remove());
  const volumes = await listProjectVolumes(docker, project);
  const removedVolumes: string[] = [];
  if (removeDataConfirmation === project) {
    for (const volume of volumes) {
      await withEngine(() => docker.getVolume(volume).remove());
      removedVolumes.push(volume);
    }
  }
  return {
    removedContainers: containers.map((c) => c.name),
    removedNetwork: networkId !== null,
    removedVolumes,
    keptVolumes: volumes.filter((v) => !removedVolumes.includes(v)),
  };
}

function ignoreNotModified(error: { statusCode?: number }): void {
  if (error.statusCode !== 304) throw error;
}
