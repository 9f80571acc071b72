import { execFileSync } from "node:child_process";
import { readStackStatus } from "../../lib/deploy/stack-status";
import { environmentEngine } from "../../lib/stack/engine-target";
import { registryProblem } from "../../scripts/test-prerequisites.mjs";
import { STACK_IMAGES } from "./stack-config";

/** The images the tests deploy or run, all served by the local registry (see test/fixtures/README.md). */
export const TEST_IMAGES = {
  ...STACK_IMAGES,
  busybox: "mycelium-test/busybox:latest",
} as const;

/** The engine the tests deploy to, as `DOCKER_HOST` names it; `docker` is its API client. */
export const engine = environmentEngine();
export const docker = engine.docker;

/** Fail loudly, with the command to run, when the local registry does not serve these images. */
export async function requireImages(images: readonly string[]): Promise<void> {
  for (const image of images) {
    const problem = await registryProblem(image);
    if (problem) throw new Error(`Test image ${image} cannot be pulled: ${problem}.`);
  }
}

/** The guide's stack and the tests' own busybox. */
export async function requireTestImages(): Promise<void> {
  await requireImages(Object.values(TEST_IMAGES));
}

/** Pull an image from the local registry unless the engine has it, for tests that run containers themselves. */
export async function ensureLocalImage(image: string): Promise<void> {
  if (
    await docker
      .getImage(image)
      .inspect()
      .then(
        () => true,
        () => false,
      )
  )
    return;
  const stream = await docker.pull(image);
  await new Promise<void>((resolve, reject) =>
    docker.modem.followProgress(stream, (error: Error | null) => (error ? reject(error) : resolve())),
  );
}

/** Remove everything a test project left: containers, network and volumes, by label. */
export async function removeProject(project: string): Promise<void> {
  const filters = { label: [`com.docker.compose.project=${project}`] };
  for (const container of await docker.listContainers({ all: true, filters })) {
    await docker
      .getContainer(container.Id)
      .remove({ force: true, v: true })
      .catch(() => undefined);
  }
  for (const network of await docker.listNetworks({ filters })) {
    await docker
      .getNetwork(network.Id)
      .remove()
      .catch(() => undefined);
  }
  const { Volumes } = await docker.listVolumes({ filters });
  for (const volume of Volumes ?? [])
    await docker
      .getVolume(volume.Name)
      .remove()
      .catch(() => undefined);
}

/** `docker-compose` (Debian's 1.29) as a user would run it by hand, for cross-checks. */
export function dockerCompose(args: string[], cwd: string): string {
  return execFileSync("docker-compose", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

export function uniqueProjectName(prefix: string): string {
  return `${prefix}-${Math.random().toString(36).slice(2, 8)}`;
}

/** What `stackHealth` lists for a deployed test stack whose containers all run healthy. */
export const HEALTHY_STACK = [
  ["postgres", "running", "healthy"],
  ["temporal", "running", "healthy"],
  ["temporal-ui", "running", "healthy"],
];

/** [service, state, health] of each container of the project, as the engine sees them now. */
export async function stackHealth(project: string): Promise<string[][]> {
  return (await readStackStatus(docker, project)).services.map((s) => [s.service, s.state, s.health]);
}
