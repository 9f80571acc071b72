import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { composeNames, type ComposeService } from "../../lib/compose/compose-model";
import { defaultConfig } from "../../lib/config/schema";
import { readStackStatus } from "../../lib/deploy/stack-status";
import { tailContainerLogs } from "../../lib/docker/container-logs";
import { containerCreateOptions } from "../../lib/docker/container-spec";
import { networkLabels } from "../../lib/docker/project-resources";
import { runChecks } from "../../lib/validation/check-runner";
import { CONTAINER_LOG_LINES, containerChecks } from "../../lib/validation/container-checks";
import { createValidationContext } from "../../lib/validation/validation-context";
import { resolveValidationOptions } from "../../lib/validation/validation-options";
import { docker, ensureLocalImage, removeProject, TEST_IMAGES, uniqueProjectName } from "../support/docker-fixtures";
import { LOCAL_ADDRESSES } from "../../lib/stack/engine-target";

const project = uniqueProjectName("it-crash");
const CRASH = "FATAL: Unable to create dynamic config client: no such file or directory";

/**
 * A "temporal" service that crashes once with CRASH, and whose next run writes more setup
 * lines than one log tail holds and then never turns healthy: the moment a report caught
 * on a fresh machine and misread as "still starting" (issue: crash-looping Temporal).
 */
const crashingService: ComposeService = {
  name: "temporal",
  role: "service",
  containerName: `${project}-temporal`,
  image: TEST_IMAGES.busybox,
  command: [
    "sh",
    "-c",
    `if [ -e /tmp/crashed ]; then for i in $(seq 1 ${CONTAINER_LOG_LINES + 20}); ` +
      `do echo "setup step $i"; done; exec sleep 600; fi; ` +
      `touch /tmp/crashed; echo starting >&2; echo "${CRASH}" >&2; exit 3`,
  ],
  environment: {},
  ports: [],
  mounts: [],
  healthcheck: {
    test: ["CMD-SHELL", "false"],
    intervalSeconds: 300,
    timeoutSeconds: 5,
    retries: 3,
    startPeriodSeconds: 300,
  },
  extraHosts: [],
  dependsOn: [],
  memoryLimit: null,
  cpus: null,
};

beforeAll(async () => {
  await ensureLocalImage(TEST_IMAGES.busybox);
  await docker.createNetwork({ Name: composeNames.network(project), Labels: networkLabels(project) });
  const container = await docker.createContainer(containerCreateOptions(project, crashingService, {}, "hash", "/tmp"));
  await container.start();
  // Running again after one crash, with the next run's setup lines written.
  const deadline = Date.now() + 30_000;
  for (;;) {
    const info = await container.inspect();
    const lines = await tailContainerLogs(docker, info.Id, 5);
    if (info.State.Running && info.RestartCount === 1 && lines.at(-1) === `setup step ${CONTAINER_LOG_LINES + 20}`)
      break;
    if (Date.now() > deadline)
      throw new Error(`the container did not reach its second run: ${JSON.stringify(info.State)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
});
afterAll(async () => {
  await removeProject(project);
});

describe("a container running again after a crash, on the real engine", () => {
  it(
    "is judged by its crash: crash-looping with the exit code " +
      "and the crash's words, and the crash line is evidence",
    async () => {
      const status = await readStackStatus(docker, project);
      expect(status.services.map((s) => [s.service, s.state, s.health, s.restartCount])).toEqual([
        ["temporal", "running", "starting", 1],
      ]);
      // A plain tail of the log holds only the new run's setup lines: the crash is out of reach.
      expect(await tailContainerLogs(docker, status.services[0]!.containerId, CONTAINER_LOG_LINES)).not.toContain(
        CRASH,
      );

      const options = resolveValidationOptions(
        { ...defaultConfig(), project_name: project },
        null,
        LOCAL_ADDRESSES,
        {},
      );
      const context = createValidationContext(options, { docker, readStack: () => readStackStatus(docker, project) });
      const checks = containerChecks(options).filter((check) => check.id === "container.temporal");
      const { results } = await runChecks(checks, context, { defaultTimeoutMs: 10_000 });
      await context.close();

      expect(results[0]).toMatchObject({
        status: "fail",
        message:
          `Container ${project}-temporal is crash-looping: it crashed ` +
          `1 time (exit code 3) and has not been healthy since: ${CRASH}`,
      });
      const logs = context.containers.get("temporal")!.logs;
      expect(logs.slice(0, 2)).toEqual(["starting", CRASH]);
      expect(logs.at(-1)).toBe(`setup step ${CONTAINER_LOG_LINES + 20}`);
    },
  );
});
