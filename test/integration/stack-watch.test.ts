import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COMPOSE_LABELS } from "../../lib/docker/project-resources";
import type Docker from "dockerode";
import { readStackStatus, type StackStatus } from "../../lib/deploy/stack-status";
import { watchStackStatus } from "../../lib/deploy/stack-watch";
import {
  docker,
  ensureLocalImage,
  removeProject,
  requireTestImages,
  TEST_IMAGES,
  uniqueProjectName,
} from "../support/docker-fixtures";

const project = uniqueProjectName("it-watch");

beforeAll(async () => {
  await requireTestImages();
  await ensureLocalImage(TEST_IMAGES.busybox);
});
afterAll(async () => {
  await removeProject(project);
});

describe("watchStackStatus", () => {
  it("pushes a new status when a container of the project starts and stops, from engine events", async () => {
    const statuses: StackStatus[] = [];
    const errors: unknown[] = [];
    const { stop } = await watchStackStatus(
      docker,
      project,
      (status) => statuses.push(status),
      (error) => errors.push(error),
      { debounceMs: 50 },
    );
    try {
      await expect.poll(() => statuses.length).toBe(1);
      expect(statuses[0]).toMatchObject({ project, deployed: false, services: [] });

      const container = await docker.createContainer({
        name: `${project}-postgres`,
        Image: TEST_IMAGES.busybox,
        Cmd: ["sleep", "600"],
        Labels: {
          [COMPOSE_LABELS.project]: project,
          [COMPOSE_LABELS.service]: "postgres",
          [COMPOSE_LABELS.oneoff]: "False",
        },
        HostConfig: { Init: true },
      });
      await container.start();
      await expect.poll(() => statuses.at(-1)?.services[0]?.state, { timeout: 10_000 }).toBe("running");

      await container.stop({ t: 1 });
      await expect.poll(() => statuses.at(-1)?.services[0]?.state, { timeout: 10_000 }).toBe("exited");
      // `docker stop` sends SIGTERM; docker-init (Init: true) passes it to sleep, which dies of
      // it, and exits 128 + 15 — a SIGKILL after the 1 s grace would have made it 137.
      expect((await container.inspect()).State.ExitCode).toBe(143);
      expect(statuses.at(-1)?.services[0]?.exitCode).toBe(143);
      expect(errors).toEqual([]);
    } finally {
      stop();
    }
  });
});

describe("readStackStatus", () => {
  it(
    "leaves out a container removed between the listing " + "and its inspection, as a deploy replacing it does",
    async () => {
      const labels = (service: string) => ({
        [COMPOSE_LABELS.project]: project,
        [COMPOSE_LABELS.service]: service,
        [COMPOSE_LABELS.oneoff]: "False",
      });
      const kept = await docker.createContainer({
        name: `${project}-kept`,
        Image: TEST_IMAGES.busybox,
        Cmd: ["true"],
        Labels: labels("temporal"),
      });
      const replaced = await docker.createContainer({
        name: `${project}-gone`,
        Image: TEST_IMAGES.busybox,
        Cmd: ["true"],
        Labels: labels("temporal-ui"),
      });
      // The real engine, but the listed container is removed for real just before it is inspected.
      const racing = new Proxy(docker, {
        get(target, property, receiver) {
          if (property !== "getContainer") return Reflect.get(target, property, receiver) as unknown;
          return (id: string) => {
            const container = target.getContainer(id);
            if (id !== replaced.id) return container;
            return { inspect: async () => (await container.remove({ force: true }), container.inspect()) };
          };
        },
      }) as Docker;
      try {
        const status = await readStackStatus(racing, project);
        const ids = status.services.map((s) => s.containerId);
        expect(ids).toContain(kept.id);
        expect(ids).not.toContain(replaced.id);
        await expect(replaced.inspect()).rejects.toMatchObject({ statusCode: 404 });
      } finally {
        await kept.remove({ force: true });
      }
    },
  );
});
