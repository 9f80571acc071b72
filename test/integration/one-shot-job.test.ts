import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { composeNames, type ComposeService } from "../../lib/compose/compose-model";
import { waitForHealthy, type HealthState } from "../../lib/docker/container-health";
import { tailContainerLogs } from "../../lib/docker/container-logs";
import { containerCreateOptions } from "../../lib/docker/container-spec";
import { networkLabels } from "../../lib/docker/project-resources";
import { docker, ensureLocalImage, removeProject, requireTestImages, TEST_IMAGES, uniqueProjectName } from "../support/docker-fixtures";

const project = uniqueProjectName("it-job");

beforeAll(async () => {
  await requireTestImages();
  await ensureLocalImage(TEST_IMAGES.busybox);
  await docker.createNetwork({ Name: composeNames.network(project), Labels: networkLabels(project) });
});
afterAll(async () => {
  await removeProject(project);
});

/** A one-shot job as the deploy creates it (restart "no", no healthcheck), running `script`. */
async function startJob(containerName: string, script: string): Promise<string> {
  const job: ComposeService = {
    name: "redis",
    role: "job",
    containerName,
    image: TEST_IMAGES.busybox,
    command: ["sh", "-c", script],
    environment: {},
    ports: [],
    mounts: [],
    healthcheck: null,
    extraHosts: [],
    dependsOn: [],
    memoryLimit: null,
    cpus: null,
  };
  const container = await docker.createContainer(containerCreateOptions(project, job, {}, "hash", "/tmp"));
  await container.start();
  return container.id;
}

describe("waiting for a one-shot job on the real engine", () => {
  it("counts a job that runs for a while and exits 0 as done", async () => {
    const containerId = await startJob(`${project}-ok`, "echo schema ready; sleep 1; exit 0");
    const seen: HealthState[] = [];
    const result = await waitForHealthy(docker, [{ service: "setup", containerId, role: "job" }], Date.now() + 30_000, (_s, state) => seen.push(state));
    expect(result).toEqual({ outcome: "healthy", service: null });
    expect(seen).toEqual(["running", "completed"]);
    // It exited and stays exited: the restart policy "no" does not run it again.
    const { State, HostConfig } = await docker.getContainer(containerId).inspect();
    expect([State.Status, State.ExitCode, State.Restarting, HostConfig.RestartPolicy?.Name]).toEqual(["exited", 0, false, "no"]);
  });

  it("reports a job that exits non-zero as failed, with the lines it wrote", async () => {
    // One stream: the engine reads stdout and stderr apart, so their lines can swap places.
    const containerId = await startJob(`${project}-bad`, "{ echo 'connecting to postgres'; echo 'schema setup: permission denied'; } >&2; sleep 1; exit 3");
    const seen: HealthState[] = [];
    const result = await waitForHealthy(docker, [{ service: "setup", containerId, role: "job" }], Date.now() + 30_000, (_s, state) => seen.push(state));
    expect(result).toEqual({ outcome: "failed", service: "setup" });
    expect(seen).toEqual(["running", "failed"]);
    expect((await docker.getContainer(containerId).inspect()).State.ExitCode).toBe(3);
    expect(await tailContainerLogs(docker, containerId, 10)).toEqual(["connecting to postgres", "schema setup: permission denied"]);
  });

  it("sees a job that already finished before the wait began", async () => {
    const containerId = await startJob(`${project}-quick`, "exit 0");
    await docker.getContainer(containerId).wait();
    const seen: HealthState[] = [];
    const result = await waitForHealthy(docker, [{ service: "setup", containerId, role: "job" }], Date.now() + 10_000, (_s, state) => seen.push(state));
    expect(result).toEqual({ outcome: "healthy", service: null });
    expect(seen).toEqual(["completed"]);
  });
});
