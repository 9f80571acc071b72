import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { composeNames, type ComposeService, type Healthcheck } from "../../lib/compose/compose-model";
import { explainSlowStart } from "../../lib/deploy/slow-start";
import { waitForHealthy, type HealthState } from "../../lib/docker/container-health";
import { tailContainerLogs } from "../../lib/docker/container-logs";
import { containerCreateOptions } from "../../lib/docker/container-spec";
import { networkLabels } from "../../lib/docker/project-resources";
import {
  docker,
  ensureLocalImage,
  removeProject,
  requireTestImages,
  TEST_IMAGES,
  uniqueProjectName,
} from "../support/docker-fixtures";

const project = uniqueProjectName("it-job");

beforeAll(async () => {
  await requireTestImages();
  await ensureLocalImage(TEST_IMAGES.busybox);
  await docker.createNetwork({ Name: composeNames.network(project), Labels: networkLabels(project) });
});
afterAll(async () => {
  await removeProject(project);
});

/**
 * A container as the deploy creates it, running `script`: a one-shot job (restart "no", no
 * healthcheck), or a service with `healthcheck`.
 */
async function startContainer(
  containerName: string,
  script: string,
  service: { name: ComposeService["name"]; healthcheck: Healthcheck } | null = null,
): Promise<string> {
  const definition: ComposeService = {
    name: service?.name ?? "redis",
    role: service ? "service" : "job",
    containerName,
    image: TEST_IMAGES.busybox,
    command: ["sh", "-c", script],
    environment: {},
    ports: [],
    mounts: [],
    healthcheck: service?.healthcheck ?? null,
    extraHosts: [],
    dependsOn: [],
    memoryLimit: null,
    cpus: null,
  };
  const container = await docker.createContainer(containerCreateOptions(project, definition, {}, "hash", "/tmp"));
  await container.start();
  return container.id;
}

const startJob = (containerName: string, script: string) => startContainer(containerName, script);

describe("waiting for a one-shot job on the real engine", () => {
  it("counts a job that runs for a while and exits 0 as done", async () => {
    const containerId = await startJob(`${project}-ok`, "echo schema ready; sleep 1; exit 0");
    const seen: HealthState[] = [];
    const result = await waitForHealthy(
      docker,
      [{ service: "setup", containerId, role: "job" }],
      Date.now() + 30_000,
      (_s, state) => seen.push(state),
    );
    expect(result).toEqual({ outcome: "healthy", service: null });
    expect(seen).toEqual(["running", "completed"]);
    // It exited and stays exited: the restart policy "no" does not run it again.
    const { State, HostConfig } = await docker.getContainer(containerId).inspect();
    expect([State.Status, State.ExitCode, State.Restarting, HostConfig.RestartPolicy?.Name]).toEqual([
      "exited",
      0,
      false,
      "no",
    ]);
  });

  it("reports a job that exits non-zero as failed, with the lines it wrote", async () => {
    // One stream: the engine reads stdout and stderr apart, so their lines can swap places.
    const containerId = await startJob(
      `${project}-bad`,
      "{ echo 'connecting to postgres'; echo 'schema setup: permission denied'; } >&2; sleep 1; exit 3",
    );
    const seen: HealthState[] = [];
    const result = await waitForHealthy(
      docker,
      [{ service: "setup", containerId, role: "job" }],
      Date.now() + 30_000,
      (_s, state) => seen.push(state),
    );
    expect(result).toEqual({ outcome: "failed", service: "setup" });
    expect(seen).toEqual(["running", "failed"]);
    expect((await docker.getContainer(containerId).inspect()).State.ExitCode).toBe(3);
    expect(await tailContainerLogs(docker, containerId, 10)).toEqual([
      "connecting to postgres",
      "schema setup: permission denied",
    ]);
  });

  it("sees a job that already finished before the wait began", async () => {
    const containerId = await startJob(`${project}-quick`, "exit 0");
    await docker.getContainer(containerId).wait();
    const seen: HealthState[] = [];
    const result = await waitForHealthy(
      docker,
      [{ service: "setup", containerId, role: "job" }],
      Date.now() + 10_000,
      (_s, state) => seen.push(state),
    );
    expect(result).toEqual({ outcome: "healthy", service: null });
    expect(seen).toEqual(["completed"]);
  });
});

describe("waiting for a Temporal server that is slow to start", () => {
  it("says it waits to join the members its last run left, and says nothing once it is healthy", async () => {
    // What the real server prints on a start right after `down` (1.22.0, captured here), then
    // healthy 14 s later: long enough to be asked why, short enough for a test.
    const bootstrap = JSON.stringify({
      level: "info",
      msg: "bootstrap hosts fetched",
      "bootstrap-hostports": "172.20.0.3:6934,172.20.0.3:6935,$(hostname -i):6933",
    });
    const script = `echo "${bootstrap.replaceAll('"', '\\"')}"; sleep 14; touch /tmp/ready; sleep 600`;
    const healthcheck: Healthcheck = {
      test: ["CMD-SHELL", "test -f /tmp/ready"],
      intervalSeconds: 1,
      timeoutSeconds: 2,
      retries: 30,
      startPeriodSeconds: 30,
    };
    const containerId = await startContainer(`${project}-temporal`, script, { name: "temporal", healthcheck });
    const seen: [HealthState, string | undefined][] = [];
    const target = { service: "temporal", containerId };
    const result = await waitForHealthy(
      docker,
      [target],
      Date.now() + 60_000,
      (_s, state, why) => seen.push([state, why]),
      (t) => explainSlowStart(docker, t),
    );
    expect(result).toEqual({ outcome: "healthy", service: null });
    expect(seen.at(-1)).toEqual(["healthy", undefined]);
    const explained = seen.filter(([state, why]) => state === "starting" && why);
    expect(explained).toHaveLength(1);
    expect(explained[0]![1]).toMatch(
      /^waiting to join 172\.20\.0\.3, a member its previous run left in cluster_membership/,
    );
    // Its own address in the same list is no member to wait for.
    const own = (await docker.getContainer(containerId).inspect()).NetworkSettings.Networks;
    expect(explained[0]![1]).not.toContain(Object.values(own)[0]!.IPAddress);
  }, 90_000);
});
