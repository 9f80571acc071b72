import { describe, expect, it } from "vitest";
import { configSchema, type MyceliumConfig } from "../config/schema";
import { serviceConfigHash } from "../compose/config-hash";
import {
  planDeployment,
  portsToProbe,
  type DetectedEnvironment,
  type ExistingContainer,
  type PortListener,
} from "./deployment-plan";

const config = (overrides: object = {}): MyceliumConfig => configSchema.parse({ project_name: "demo", ...overrides });
const noEnvironment = (): DetectedEnvironment => ({ ports: new Map(), containers: [] });
const generatePassword = () => "FreshPassword0123456789abcdefghij";

function freePorts(...ports: number[]): Map<number, PortListener | null> {
  return new Map(ports.map((port) => [port, null]));
}

describe("planDeployment", () => {
  it("creates every service on a first deploy, with a generated password", () => {
    const plan = planDeployment({
      config: config(),
      environment: noEnvironment(),
      existingSecrets: null,
      generatePassword,
    });
    expect(plan.services.map((s) => [s.service, s.action])).toEqual([
      ["postgres", "create"],
      ["temporal", "create"],
      ["temporal-ui", "create"],
    ]);
    expect(plan.secrets.POSTGRES_PASSWORD).toBe("FreshPassword0123456789abcdefghij");
    expect(plan.portConflicts).toEqual([]);
  });

  it("warns that a remote engine publishes the stack to that machine's network", () => {
    const plan = planDeployment({
      config: config({ deployment: { bind_address: "0.0.0.0" } }),
      environment: { ...noEnvironment(), remoteHost: "10.0.0.5" },
      existingSecrets: null,
      generatePassword,
    });
    expect(plan.warnings).toEqual([
      expect.stringContaining("published on 0.0.0.0 there, open to every machine that reaches 10.0.0.5"),
    ]);
  });

  it("keeps the password of an earlier deploy", () => {
    const plan = planDeployment({
      config: config(),
      environment: noEnvironment(),
      existingSecrets: { POSTGRES_PASSWORD: "KeptPassword", POSTGRES_USER: "postgres" },
      generatePassword,
    });
    expect(plan.secrets.POSTGRES_PASSWORD).toBe("KeptPassword");
  });

  it("keeps running containers whose config is unchanged, recreates changed ones, starts stopped ones", () => {
    const first = planDeployment({
      config: config(),
      environment: noEnvironment(),
      existingSecrets: null,
      generatePassword,
    });
    const hash = (name: string) => first.services.find((s) => s.service === name)!.configHash;
    const environment: DetectedEnvironment = {
      ports: new Map(),
      containers: [
        {
          id: "a",
          name: "demo-postgres",
          service: "postgres",
          configHash: hash("postgres"),
          state: "running",
          health: "healthy",
          restartCount: 0,
          exitCode: null,
        },
        {
          id: "b",
          name: "demo-temporal",
          service: "temporal",
          configHash: "stale",
          state: "running",
          health: "healthy",
          restartCount: 0,
          exitCode: null,
        },
        {
          id: "c",
          name: "demo-temporal-ui",
          service: "temporal-ui",
          configHash: hash("temporal-ui"),
          state: "exited",
          health: "none",
          restartCount: 0,
          exitCode: null,
        },
      ],
    };
    const plan = planDeployment({ config: config(), environment, existingSecrets: first.secrets, generatePassword });
    expect(plan.services.map((s) => [s.service, s.action])).toEqual([
      ["postgres", "keep"],
      ["temporal", "recreate"],
      ["temporal-ui", "start"],
    ]);
  });

  it("restarts the UI when Temporal starts afresh (its channel would back off), and nothing else that waits", () => {
    const first = planDeployment({
      config: config(),
      environment: noEnvironment(),
      existingSecrets: null,
      generatePassword,
    });
    const running = (service: string, configHash: string | null): ExistingContainer => ({
      id: service,
      name: `demo-${service}`,
      service,
      configHash,
      state: "running",
      health: "healthy",
      restartCount: 0,
      exitCode: null,
    });
    const hash = (name: string) => first.services.find((s) => s.service === name)!.configHash;
    const plan = (stale: string) =>
      planDeployment({
        config: config(),
        environment: {
          ports: new Map(),
          containers: ["postgres", "temporal", "temporal-ui"].map((name) =>
            running(name, name === stale ? "stale" : hash(name)),
          ),
        },
        existingSecrets: first.secrets,
        generatePassword,
      }).services.map((s) => [s.service, s.action, s.reason]);
    expect(plan("temporal")).toEqual([
      ["postgres", "keep", "already running with this configuration"],
      ["temporal", "recreate", "its configuration changed"],
      ["temporal-ui", "start", "temporal starts afresh, and it reconnects only slowly by itself"],
    ]);
    // Temporal's own pools reconnect to a recreated PostgreSQL: it is kept, and so is the UI.
    expect(plan("postgres").map(([service, action]) => [service, action])).toEqual([
      ["postgres", "recreate"],
      ["temporal", "keep"],
      ["temporal-ui", "keep"],
    ]);
  });

  it("recreates a crash-looping container whatever moment it is caught in, and keeps one that recovered", () => {
    const first = planDeployment({
      config: config(),
      environment: noEnvironment(),
      existingSecrets: null,
      generatePassword,
    });
    const temporal = (
      state: string,
      health: ExistingContainer["health"],
      restartCount: number,
    ): DetectedEnvironment => ({
      ports: new Map(),
      containers: [
        {
          id: "b",
          name: "demo-temporal",
          service: "temporal",
          configHash: first.services[1]!.configHash,
          state,
          health,
          restartCount,
          exitCode: null,
        },
      ],
    });
    const actionFor = (environment: DetectedEnvironment) =>
      planDeployment({ config: config(), environment, existingSecrets: first.secrets, generatePassword }).services.find(
        (s) => s.service === "temporal",
      )!;
    // Between two attempts, in one of them, just after a crash, or with a failing healthcheck.
    expect(actionFor(temporal("restarting", "unhealthy", 4))).toMatchObject({
      action: "recreate",
      reason: expect.stringContaining("keeps restarting (4 restarts)"),
    });
    expect(actionFor(temporal("running", "starting", 4))).toMatchObject({
      action: "recreate",
      reason: expect.stringContaining("restarted (4 restarts)"),
    });
    expect(actionFor(temporal("running", "unhealthy", 0))).toMatchObject({
      action: "recreate",
      reason: expect.stringContaining("healthcheck fails"),
    });
    // Healthy again after earlier crashes, or simply still starting: left alone.
    expect(actionFor(temporal("running", "healthy", 4)).action).toBe("keep");
    expect(actionFor(temporal("running", "starting", 0)).action).toBe("keep");
    expect(actionFor(temporal("exited", "none", 0)).action).toBe("start");
  });

  it("recreates what the caller names, with its reason, even when it looks fine", () => {
    const first = planDeployment({
      config: config(),
      environment: noEnvironment(),
      existingSecrets: null,
      generatePassword,
    });
    const environment: DetectedEnvironment = {
      ports: new Map(),
      containers: [
        {
          id: "b",
          name: "demo-temporal",
          service: "temporal",
          configHash: first.services[1]!.configHash,
          state: "running",
          health: "healthy",
          restartCount: 0,
          exitCode: null,
        },
      ],
    };
    const plan = planDeployment({
      config: config(),
      environment,
      existingSecrets: first.secrets,
      generatePassword,
      recreate: { temporal: "to read the rewritten file" },
    });
    expect(plan.services.find((s) => s.service === "temporal")).toMatchObject({
      action: "recreate",
      reason: "to read the rewritten file",
    });
  });

  it("recreates PostgreSQL when custom_config changes, and nothing else", () => {
    const before = planDeployment({
      config: config(),
      environment: noEnvironment(),
      existingSecrets: null,
      generatePassword,
    });
    const after = planDeployment({
      config: config({ services: { postgres: { custom_config: { work_mem: "8MB" } } } }),
      environment: noEnvironment(),
      existingSecrets: before.secrets,
      generatePassword,
    });
    const changed = after.services
      .filter((s, i) => s.configHash !== before.services[i]!.configHash)
      .map((s) => s.service);
    expect(changed).toEqual(["postgres"]);
  });

  it("removes containers of services that were disabled", () => {
    const plan = planDeployment({
      config: config({ services: { temporal: { ui_enabled: false } } }),
      environment: {
        ports: new Map(),
        containers: [
          {
            id: "c",
            name: "demo-temporal-ui",
            service: "temporal-ui",
            configHash: "x",
            state: "running",
            health: "healthy",
            restartCount: 0,
            exitCode: null,
          },
        ],
      },
      existingSecrets: null,
      generatePassword,
    });
    expect(plan.services.find((s) => s.service === "temporal-ui")).toMatchObject({ action: "remove" });
  });

  it("reports a foreign listener on a port and proposes the next free one", () => {
    const listener: PortListener = {
      port: 5432,
      protocol: "postgres",
      container: null,
      description: "a PostgreSQL server",
    };
    const ports = freePorts(5433, 5434, 7233, 8080);
    ports.set(5432, listener);
    const plan = planDeployment({
      config: config(),
      environment: { ports, containers: [] },
      existingSecrets: null,
      generatePassword,
    });
    expect(plan.portConflicts).toEqual([
      {
        service: "postgres",
        field: "services.postgres.port",
        port: 5432,
        listener,
        proposedPort: 5433,
        reusable: true,
      },
    ]);
    expect(plan.portFixEdits).toEqual({ "services.postgres.port": 5433 });
  });

  it("does not count this project's own containers as conflicts", () => {
    const ports = new Map<number, PortListener | null>([
      [
        5432,
        {
          port: 5432,
          protocol: "postgres",
          container: { name: "demo-postgres", project: "demo", service: "postgres" },
          description: "",
        },
      ],
    ]);
    const plan = planDeployment({
      config: config(),
      environment: { ports, containers: [] },
      existingSecrets: null,
      generatePassword,
    });
    expect(plan.portConflicts).toEqual([]);
  });

  it("never proposes a port another service of the stack uses", () => {
    const busy = (port: number): PortListener => ({ port, protocol: "unknown", container: null, description: "x" });
    const ports = new Map<number, PortListener | null>([
      [8080, busy(8080)],
      [8081, null],
      [7233, busy(7233)],
      [7234, null],
    ]);
    const plan = planDeployment({
      config: config({ services: { temporal: { frontend_port: 7233, ui_port: 8080 }, postgres: { port: 8081 } } }),
      environment: { ports, containers: [] },
      existingSecrets: null,
      generatePassword,
    });
    expect(plan.portFixEdits).toEqual({ "services.temporal.frontend_port": 7234 });
    expect(plan.portConflicts.find((c) => c.service === "temporal-ui")?.proposedPort).toBeNull();
  });

  it("uses image overrides and the paired UI version", () => {
    const plan = planDeployment({
      config: config({ services: { postgres: { image: "local/pg:15" }, temporal: { version: "1.22.4" } } }),
      environment: noEnvironment(),
      existingSecrets: null,
      generatePassword,
    });
    expect(plan.decisions.images).toMatchObject({
      postgres: "local/pg:15",
      temporal: "temporalio/auto-setup:1.22.4",
      ui: "temporalio/ui:2.22.3",
    });
  });
});

describe("portsToProbe", () => {
  it("covers each enabled service's port and alternatives above it", () => {
    const ports = portsToProbe(config(), 2);
    expect(ports).toEqual([5432, 5433, 5434, 7233, 7234, 7235, 8080, 8081, 8082]);
  });
});

describe("serviceConfigHash", () => {
  it("changes when the password changes", () => {
    const plan = planDeployment({
      config: config(),
      environment: noEnvironment(),
      existingSecrets: null,
      generatePassword,
    });
    const postgres = plan.composeProject.services[0]!;
    expect(serviceConfigHash(postgres, { POSTGRES_PASSWORD: "a" })).not.toBe(
      serviceConfigHash(postgres, { POSTGRES_PASSWORD: "b" }),
    );
  });
});

describe("planDeployment: reusing an existing PostgreSQL", () => {
  const foreignPostgres: PortListener = {
    port: 5432,
    protocol: "postgres",
    container: null,
    description: "a PostgreSQL server",
  };
  const reuse = (overrides: object = {}) =>
    config({ services: { postgres: { reuse_existing: true, user: "temporal", ...overrides } } });
  const secrets = {
    POSTGRES_PASSWORD: "OwnContainerPassword",
    POSTGRES_USER: "postgres",
    REUSED_POSTGRES_PASSWORD: "TheirPassword",
  };
  const holding = (listener: PortListener | null): DetectedEnvironment => ({
    ports: new Map([[5432, listener]]),
    containers: [],
  });

  it("offers reuse for a foreign PostgreSQL on PostgreSQL's port, and only there", () => {
    const environment: DetectedEnvironment = {
      ports: new Map<number, PortListener | null>([
        [5432, foreignPostgres],
        [5433, null],
        [7233, { port: 7233, protocol: "postgres", container: null, description: "a PostgreSQL server" }],
        [7234, null],
      ]),
      containers: [],
    };
    const plan = planDeployment({ config: config(), environment, existingSecrets: null, generatePassword });
    expect(plan.portConflicts.map((c) => [c.field, c.reusable])).toEqual([
      ["services.postgres.port", true],
      ["services.temporal.frontend_port", false],
    ]);
    const http = planDeployment({
      config: config(),
      environment: holding({ port: 5432, protocol: "http", container: null, description: "an HTTP server" }),
      existingSecrets: null,
      generatePassword,
    });
    expect(http.portConflicts[0]!.reusable).toBe(false);
  });

  it("probes the reused server's port, without alternatives for it", () => {
    const ports = portsToProbe(reuse({ port: 6000 }), 2);
    expect(ports).toContain(6000);
    expect(ports).not.toContain(6001);
  });

  it("creates no PostgreSQL container and points Temporal at the server through the Docker host", () => {
    const plan = planDeployment({
      config: reuse(),
      environment: holding(foreignPostgres),
      existingSecrets: secrets,
      generatePassword,
    });
    expect(plan.blockers).toEqual([]);
    expect(plan.portConflicts).toEqual([]);
    expect(plan.reusedPostgres).toEqual(foreignPostgres);
    expect(plan.services.map((s) => [s.service, s.action])).toEqual([
      ["postgres", "reuse"],
      ["temporal", "create"],
      ["temporal-ui", "create"],
    ]);
    expect(plan.composeProject.services.map((s) => s.name)).toEqual(["temporal", "temporal-ui"]);
    expect(plan.composeProject.volumes).toEqual([]);
    const temporal = plan.composeProject.services.find((s) => s.name === "temporal")!;
    expect(temporal.environment).toMatchObject({
      POSTGRES_SEEDS: "host.docker.internal",
      DB_PORT: "5432",
      POSTGRES_USER: { secret: "POSTGRES_USER" },
      POSTGRES_PWD: { secret: "REUSED_POSTGRES_PASSWORD" },
    });
    expect(temporal.extraHosts).toEqual(["host.docker.internal:host-gateway"]);
    expect(temporal.dependsOn).toEqual([]);
    // Both passwords are kept: switching back finds our own volume's password intact.
    expect(plan.secrets).toMatchObject({
      POSTGRES_PASSWORD: "OwnContainerPassword",
      REUSED_POSTGRES_PASSWORD: "TheirPassword",
      POSTGRES_USER: "temporal",
    });
    expect(plan.warnings).toEqual([]);
  });

  it("removes this project's own PostgreSQL container when switching to a reused server, and keeps its volume", () => {
    const environment: DetectedEnvironment = {
      ports: new Map([[5432, foreignPostgres]]),
      containers: [
        {
          id: "a",
          name: "demo-postgres",
          service: "postgres",
          configHash: "x",
          state: "exited",
          health: "none",
          restartCount: 0,
          exitCode: null,
        },
      ],
    };
    const plan = planDeployment({ config: reuse(), environment, existingSecrets: secrets, generatePassword });
    expect(plan.services.find((s) => s.action === "remove")).toMatchObject({
      containerName: "demo-postgres",
      reason: "an existing server is reused instead (its data volume is kept)",
    });
  });

  it.each([
    ["nothing listens", null, secrets, /nothing listens on port 5432/],
    [
      "the listener is not PostgreSQL",
      { port: 5432, protocol: "http", container: null, description: "an HTTP server (nginx)" },
      secrets,
      /an HTTP server \(nginx\) on port 5432 is not a PostgreSQL server/,
    ],
    [
      "the listener is this project's own container",
      {
        port: 5432,
        protocol: "postgres",
        container: { name: "demo-postgres", project: "demo", service: "postgres" },
        description: "PostgreSQL",
      },
      secrets,
      /held by this project's own PostgreSQL container/,
    ],
    [
      "no password was tested",
      foreignPostgres,
      { POSTGRES_PASSWORD: "OwnContainerPassword" },
      /password for the existing PostgreSQL has not been tested/,
    ],
  ] as const)("refuses to deploy when %s", (_, listener, existingSecrets, message) => {
    const plan = planDeployment({
      config: reuse(),
      environment: holding(listener as PortListener | null),
      existingSecrets,
      generatePassword,
    });
    expect(plan.blockers.map((b) => b.message).join(" ")).toMatch(message);
    expect(plan.blockers.every((b) => b.hint.length > 0)).toBe(true);
    expect(plan.reusedPostgres).toBeNull();
    expect(plan.services.some((s) => s.action === "reuse")).toBe(false);
  });
});
