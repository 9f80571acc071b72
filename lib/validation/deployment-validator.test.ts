import net from "node:net";
import { describe, expect, it } from "vitest";
import { configSchema } from "../config/schema";
import type { StackStatus } from "../deploy/stack-status";
import { buildValidationChecks, DeploymentValidator } from "./deployment-validator";
import { resolveValidationOptions } from "./validation-options";
import { LOCAL_ADDRESSES } from "../stack/engine-target";

/** Ports that were free a moment ago: nothing listens on them. */
async function closedPorts(count: number): Promise<number[]> {
  const ports: number[] = [];
  for (let i = 0; i < count; i++) {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    ports.push((server.address() as net.AddressInfo).port);
    await new Promise((resolve) => server.close(resolve));
  }
  return ports;
}

const env = { POSTGRES_USER: "postgres", POSTGRES_PASSWORD: "a-long-generated-password", POSTGRES_DB: "temporal" };

describe("buildValidationChecks", () => {
  it("builds every check of an enabled stack, container checks first in each group", () => {
    const config = configSchema.parse({ services: { redis: { enabled: true } } });
    const ids = buildValidationChecks(resolveValidationOptions(config, env, LOCAL_ADDRESSES), true).map((c) => c.id);
    expect(ids).toEqual([
      "container.postgres",
      "postgres.port",
      "postgres.auth",
      "postgres.version",
      "postgres.databases",
      "postgres.schema.main",
      "postgres.schema.visibility",
      "postgres.tables",
      "postgres.connections",
      "container.temporal",
      "temporal.port",
      "temporal.health",
      "temporal.version",
      "temporal.persistence",
      "temporal.namespace",
      "temporal.workflow-probe",
      "integration.temporal-connections",
      "integration.namespace-registered",
      "integration.persistence",
      "container.temporal-ui",
      "ui.port",
      "ui.healthz",
      "ui.cluster-info",
      "container.redis",
      "redis.port",
      "redis.ping",
    ]);
  });

  it("leaves out what the config turns off", () => {
    const config = configSchema.parse({ services: { temporal: { ui_enabled: false } } });
    const ids = buildValidationChecks(resolveValidationOptions(config, env, LOCAL_ADDRESSES), false).map((c) => c.id);
    expect(ids.some((id) => id.startsWith("ui.") || id.startsWith("container.") || id.startsWith("redis."))).toBe(
      false,
    );
  });
});

describe("DeploymentValidator", () => {
  it("with every port closed, answers in well under a second with one root cause per component", async () => {
    const [pg, temporal, ui, redis] = await closedPorts(4);
    const config = configSchema.parse({ services: { redis: { enabled: true } } });
    const validator = new DeploymentValidator({ config, env, engine: null });
    const started = performance.now();
    const report = await validator.validate({
      postgresPort: pg,
      temporalPort: temporal,
      temporalUiPort: ui,
      redisPort: redis,
    });
    const wall = performance.now() - started;
    expect(wall).toBeLessThan(1000);
    expect(report.durationMs).toBeLessThan(1000);
    expect(report.status).toBe("unhealthy");
    expect(report.canProceed()).toBe(false);
    expect(report.rootCauses().map((c) => c.id)).toEqual(["postgres.port", "temporal.port", "ui.port", "redis.port"]);
    expect(report.check("postgres.auth")).toMatchObject({
      status: "skip",
      message: `skipped: PostgreSQL port ${pg} is not reachable on 127.0.0.1 (connection refused)`,
    });
    expect(report.check("integration.persistence")?.skippedBecauseOf).toBe("postgres.port");
    expect(report.check("ui.cluster-info")?.status).toBe("skip");
    expect(report.checks.filter((c) => c.status === "fail")).toHaveLength(4);
    expect(JSON.stringify(report)).not.toContain(env.POSTGRES_PASSWORD);
  });

  it("records container state, skips containers of a stack it does not run", async () => {
    const [pg, temporal] = await closedPorts(2);
    const config = configSchema.parse({ services: { temporal: { ui_enabled: false } } });
    const stack: StackStatus = {
      project: "temporal-deployment",
      deployed: true,
      volumes: [],
      services: [
        {
          service: "temporal",
          role: "service",
          containerName: "temporal-deployment-temporal",
          containerId: "c1",
          image: "temporalio/auto-setup:1.22.0",
          state: "restarting",
          health: "none",
          ports: [],
          startedAt: null,
          uptimeSeconds: null,
          restartCount: 4,
          oomKilled: false,
          exitCode: null,
          error: null,
        },
      ],
    };
    const report = await new DeploymentValidator({ config, env, engine: null, readStack: async () => stack }).validate({
      postgresPort: pg,
      temporalPort: temporal,
    });
    expect(report.check("container.temporal")).toMatchObject({ status: "fail", remedy: "#temporal-fails-to-start" });
    expect(report.check("container.postgres")).toMatchObject({
      status: "skip",
      message: "skipped: project temporal-deployment has no postgres container",
    });
    expect(report.containers).toEqual([
      expect.objectContaining({ service: "temporal", state: "restarting", restartCount: 4, logs: [] }),
    ]);
    // Down the stack: PostgreSQL's closed port first, then Temporal's dead container before its closed port.
    expect(report.rootCauses().map((c) => c.id)).toEqual(["postgres.port", "container.temporal", "temporal.port"]);
  });
});
