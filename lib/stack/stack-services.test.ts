import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { ComposeProject, ComposeService } from "../compose/compose-model";
import { renderComposeFile } from "../compose/render-compose-file";
import { containerCreateOptions } from "../docker/container-spec";
import { reuseVerdict, type ExistingContainer } from "../plan/deployment-plan";
import { orderByDependencies, SERVICE_NAMES, stackService, stackServices, startOrder } from "./stack-services";

describe("the service registry", () => {
  it("lists every service once, in the order compose, status and logs show them", () => {
    expect(stackServices().map((s) => s.name)).toEqual([...SERVICE_NAMES]);
  });

  it("only depends on services it has", () => {
    for (const service of stackServices()) {
      for (const dependency of service.dependsOn) expect(SERVICE_NAMES).toContain(dependency.service);
    }
  });

  it("has no entry for a name the stack does not run", () => {
    expect(stackService("mysql")).toBeNull();
    expect(stackService("temporal")?.component).toBe("temporal");
  });
});

describe("startOrder", () => {
  it("starts each service after what it depends on, whatever order it is given", () => {
    expect(startOrder(["temporal-ui", "redis", "temporal", "postgres"])).toEqual([
      "postgres",
      "temporal",
      "temporal-ui",
      "redis",
    ]);
  });

  it("puts names the registry does not know last, in their given order", () => {
    expect(startOrder(["sidecar", "temporal", "backup", "postgres"])).toEqual([
      "postgres",
      "temporal",
      "sidecar",
      "backup",
    ]);
  });
});

describe("orderByDependencies", () => {
  const graph: Record<string, string[]> = { schema: ["db"], server: ["schema", "db"], db: [], ui: ["server"] };

  it("places every item after its dependencies and keeps the given order otherwise", () => {
    expect(
      orderByDependencies(
        ["ui", "server", "schema", "db"],
        (n) => n,
        (n) => graph[n] ?? [],
      ),
    ).toEqual(["db", "schema", "server", "ui"]);
  });

  it("ignores a dependency that is not among the items", () => {
    expect(
      orderByDependencies(
        ["ui", "server"],
        (n) => n,
        (n) => graph[n] ?? [],
      ),
    ).toEqual(["server", "ui"]);
  });

  it("names the service where a cycle closes", () => {
    const cyclic: Record<string, string[]> = { a: ["b"], b: ["c"], c: ["a"] };
    expect(() =>
      orderByDependencies(
        ["a", "b", "c"],
        (n) => n,
        (n) => cyclic[n] ?? [],
      ),
    ).toThrow("dependency cycle at a");
  });
});

/** A project with a one-shot job between the database and the server, as a schema-setup job would sit. */
function projectWithJob(): ComposeProject {
  const base: Omit<ComposeService, "name" | "role" | "containerName" | "dependsOn" | "healthcheck"> = {
    image: "mycelium-test/busybox:latest",
    command: null,
    environment: {},
    ports: [],
    mounts: [],
    extraHosts: [],
    memoryLimit: null,
    cpus: null,
  };
  const healthcheck = {
    test: ["CMD-SHELL", "true"] as ["CMD-SHELL", string],
    intervalSeconds: 1,
    timeoutSeconds: 1,
    retries: 3,
    startPeriodSeconds: 0,
  };
  return {
    name: "jobs",
    volumes: [],
    files: [],
    services: [
      { ...base, name: "postgres", role: "service", containerName: "jobs-postgres", dependsOn: [], healthcheck },
      {
        ...base,
        name: "redis",
        role: "job",
        containerName: "jobs-setup",
        dependsOn: [{ service: "postgres", condition: "healthy" }],
        healthcheck: null,
      },
      {
        ...base,
        name: "temporal",
        role: "service",
        containerName: "jobs-temporal",
        dependsOn: [
          { service: "redis", condition: "completed" },
          { service: "postgres", condition: "started" },
        ],
        healthcheck,
      },
    ],
  };
}

describe("a one-shot job", () => {
  const project = projectWithJob();
  const job = project.services[1]!;
  const doc = parse(renderComposeFile(project)) as {
    services: Record<
      string,
      { restart: string; healthcheck?: unknown; depends_on?: Record<string, { condition: string }> }
    >;
  };

  it("renders to compose with each dependency's own condition", () => {
    expect(doc.services.temporal?.depends_on).toEqual({
      redis: { condition: "service_completed_successfully" },
      postgres: { condition: "service_started" },
    });
    expect(doc.services.redis?.depends_on).toEqual({ postgres: { condition: "service_healthy" } });
  });

  it("is never restarted and has no healthcheck, in compose and in the engine", () => {
    expect(doc.services.redis?.restart).toBe("no");
    expect(doc.services.redis).not.toHaveProperty("healthcheck");
    expect(doc.services.postgres?.restart).toBe("unless-stopped");

    const options = containerCreateOptions("jobs", job, {}, "hash", "/tmp/jobs");
    expect(options.HostConfig?.RestartPolicy).toEqual({ Name: "no", MaximumRetryCount: 0 });
    // Test NONE also switches off a healthcheck the image itself declares.
    expect(options.Healthcheck).toEqual({ Test: ["NONE"] });
  });

  it("is kept after it completed, and run again after it failed", () => {
    const existing: ExistingContainer = {
      id: "c1",
      name: "jobs-setup",
      service: "redis",
      configHash: "hash",
      state: "exited",
      health: "none",
      restartCount: 0,
      exitCode: 0,
    };
    expect(reuseVerdict(job, existing).action).toBe("keep");
    expect(reuseVerdict(job, { ...existing, exitCode: 3 })).toEqual({
      action: "start",
      reason: "it failed (exit code 3) and runs again",
    });
    expect(reuseVerdict(job, { ...existing, state: "running", exitCode: null }).action).toBe("keep");
    expect(reuseVerdict(job, { ...existing, state: "created", exitCode: null }).action).toBe("start");
  });

  it("is, as a service, started again when it exited", () => {
    const service = project.services[0]!;
    const stopped: ExistingContainer = {
      id: "c0",
      name: "jobs-postgres",
      service: "postgres",
      configHash: "hash",
      state: "exited",
      health: "none",
      restartCount: 0,
      exitCode: 0,
    };
    expect(reuseVerdict(service, stopped).action).toBe("start");
  });
});
