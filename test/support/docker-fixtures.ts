import { execFileSync } from "node:child_process";
import Docker from "dockerode";

/** Local images the tests deploy instead of the registry images (see test/fixtures/README.md). */
export const TEST_IMAGES = {
  postgres: "mycelium-test/postgres:15",
  temporal: "mycelium-test/temporal:1.22.0",
  ui: "mycelium-test/temporal-ui:2.17.1",
  busybox: "mycelium-test/busybox:latest",
} as const;

export const docker = new Docker({ socketPath: process.env.DOCKER_HOST?.replace(/^unix:\/\//, "") ?? "/var/run/docker.sock" });

/** Fail loudly, with the command to run, when the local test images have not been built. */
export async function requireTestImages(): Promise<void> {
  for (const image of Object.values(TEST_IMAGES)) {
    try {
      await docker.getImage(image).inspect();
    } catch {
      throw new Error(`Test image ${image} is missing: run \`node test/fixtures/images/build-images.mjs\` (npm test does it for you).`);
    }
  }
}

/** Remove everything a test project left: containers, network and volumes, by label. */
export async function removeProject(project: string): Promise<void> {
  const filters = { label: [`com.docker.compose.project=${project}`] };
  for (const container of await docker.listContainers({ all: true, filters })) {
    await docker.getContainer(container.Id).remove({ force: true, v: true }).catch(() => undefined);
  }
  for (const network of await docker.listNetworks({ filters })) {
    await docker.getNetwork(network.Id).remove().catch(() => undefined);
  }
  const { Volumes } = await docker.listVolumes({ filters });
  for (const volume of Volumes ?? []) await docker.getVolume(volume.Name).remove().catch(() => undefined);
}

/** `docker-compose` (Debian's 1.29) as a user would run it by hand, for cross-checks. */
export function dockerCompose(args: string[], cwd: string): string {
  return execFileSync("docker-compose", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

export function uniqueProjectName(prefix: string): string {
  return `${prefix}-${Math.random().toString(36).slice(2, 8)}`;
}
