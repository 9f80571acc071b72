import { describe, expect, it } from "vitest";
import { configSchema, type MyceliumConfig } from "../config/schema";
import { serviceConfigHash } from "../compose/config-hash";
import { planDeployment, portsToProbe, type DetectedEnvironment, type PortListener } from "./deployment-plan";

const config = (overrides: object = {}): MyceliumConfig => configSchema.parse({ project_name: "demo", ...overrides });
const noEnvironment = (): DetectedEnvironment => ({ ports: new Map(), containers: [] });
const generatePassword = () => "FreshPassword0123456789abcdefghij";

function freePorts(...ports: number[]): Map<number, PortListener | null> {
  return new Map(ports.map((port) => [port, null]));
}

describe("planDeployment", () => {
  it("creates every service on a first deploy, with a generated password", () => {
    const plan = planDeployment({ config: config(), environment: noEnvironment(), existingSecrets: null, generatePassword });
    expect(plan.services.map((s) => [s.service, s.action])).toEqual([
      ["postgres", "create"],
      ["temporal", "create"],
      ["temporal-ui", "create"],
    ]);
    expect(plan.secrets.POSTGRES_PASSWORD).toBe("FreshPassword0123456789abcdefghij");
    expect(plan.portConflicts).toEqual([]);
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
    const first = planDeployment({ config: config(), environment: noEnvironment(), existingSecrets: null, generatePassword });
    const hash = (name: string) => first.services.find((s) => s.service === name)!.configHash;
    const environment: DetectedEnvironment = {
      ports: new Map(),
      containers: [
        { id: "a", name: "demo-postgres", service: "postgres", configHash: hash("postgres"), state: "running" },
        { id: "b", name: "demo-temporal", service: "temporal", configHash: "stale", state: "running" },
        { id: "c", name: "demo-temporal-ui", service: "temporal-ui", configHash: hash("temporal-ui"), state: "exited" },
      ],
    };
    const plan = planDeployment({ config: config(), environment, existingSecrets: first.secrets, generatePassword });
    expect(plan.services.map((s) => [s.service, s.action])).toEqual([
      ["postgres", "keep"],
      ["temporal", "recreate"],
      ["temporal-ui", "start"],
    ]);
  });

  it("recreates PostgreSQL when custom_config changes, and nothing else", () => {
    const before = planDeployment({ config: config(), environment: noEnvironment(), existingSecrets: null, generatePassword });
    const after = planDeployment({
      config: config({ services: { postgres: { custom_config: { work_mem: "8MB" } } } }),
      environment: noEnvironment(),
      existingSecrets: before.secrets,
      generatePassword,
    });
    const changed = after.services.filter((s, i) => s.configHash !== before.services[i]!.configHash).map((s) => s.service);
    expect(changed).toEqual(["postgres"]);
  });

  it("removes containers of services that were disabled", () => {
    const plan = planDeployment({
      config: config({ services: { temporal: { ui_enabled: false } } }),
      environment: { ports: new Map(), containers: [{ id: "c", name: "demo-temporal-ui", service: "temporal-ui", configHash: "x", state: "running" }] },
      existingSecrets: null,
      generatePassword,
    });
    expect(plan.services.find((s) => s.service === "temporal-ui")).toMatchObject({ action: "remove" });
  });

  it("reports a foreign listener on a port and proposes the next free one", () => {
    const listener: PortListener = { port: 5432, protocol: "postgres", container: null, description: "a PostgreSQL server" };
    const ports = freePorts(5433, 5434, 7233, 8080);
    ports.set(5432, listener);
    const plan = planDeployment({ config: config(), environment: { ports, containers: [] }, existingSecrets: null, generatePassword });
    expect(plan.portConflicts).toEqual([{ service: "postgres", field: "services.postgres.port", port: 5432, listener, proposedPort: 5433 }]);
    expect(plan.portFixEdits).toEqual({ "services.postgres.port": 5433 });
  });

  it("does not count this project's own containers as conflicts", () => {
    const ports = new Map<number, PortListener | null>([
      [5432, { port: 5432, protocol: "postgres", container: { name: "demo-postgres", project: "demo", service: "postgres" }, description: "" }],
    ]);
    const plan = planDeployment({ config: config(), environment: { ports, containers: [] }, existingSecrets: null, generatePassword });
    expect(plan.portConflicts).toEqual([]);
  });

  it("never proposes a port another service of the stack uses", () => {
    const busy = (port: number): PortListener => ({ port, protocol: "unknown", container: null, description: "x" });
    const ports = new Map<number, PortListener | null>([[8080, busy(8080)], [8081, null], [7233, busy(7233)], [7234, null]]);
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
    expect(plan.decisions.images).toMatchObject({ postgres: "local/pg:15", temporal: "temporalio/auto-setup:1.22.4", ui: "temporalio/ui:2.22.3" });
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
    const plan = planDeployment({ config: config(), environment: noEnvironment(), existingSecrets: null, generatePassword });
    const postgres = plan.composeProject.services[0]!;
    expect(serviceConfigHash(postgres, { POSTGRES_PASSWORD: "a" })).not.toBe(serviceConfigHash(postgres, { POSTGRES_PASSWORD: "b" }));
  });
});
