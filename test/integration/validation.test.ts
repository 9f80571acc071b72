import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { configSchema } from "../../lib/config/schema";
import { diagnose } from "../../lib/diagnose/diagnose";
import { PROBE_WORKFLOW_ID } from "../../lib/temporal/probe-workflow";
import { DeploymentValidator } from "../../lib/validation/deployment-validator";
import { execInContainer } from "../../lib/docker/container-exec";
import type { MyceliumError } from "../../lib/errors";
import { describeNamespace, registerNamespace } from "../../lib/temporal/namespaces";
import { openTemporalConnection } from "../../lib/temporal/temporal-connection";
import { CONNECTION_WARN_RATIO } from "../../lib/validation/postgres-checks";
import { ensureLocalImage, TEST_IMAGES } from "../support/docker-fixtures";
import { findFreePort, startValidationStack, type ValidationStack } from "../support/validation-stack";

/**
 * The validator against real things: PostgreSQL 15, the real Temporal 1.22 server and its UI,
 * deployed by the product. Each fault is made for real (a stopped container, a wrong password,
 * an UPDATE of schema_version, idle connections) and must come out as the right root cause
 * and diagnosis.
 */

const MAX_CONNECTIONS = 100;

let stack: ValidationStack;
let validator: DeploymentValidator;

beforeAll(async () => {
  stack = await startValidationStack({ maxConnections: MAX_CONNECTIONS });
  validator = new DeploymentValidator({ config: stack.config, env: stack.env, engine: stack.engine });
});

afterAll(async () => {
  await stack?.stop();
});

async function withClient<T>(fn: (client: pg.Client) => Promise<T>, database?: string): Promise<T> {
  const client = await stack.connect(database);
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** The validator closes its connections after answering; wait until the server has ended them. */
async function validatorConnectionsGone(client: pg.Client): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const ours = await client.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'mycelium-validator'",
    );
    if (ours.rows[0]?.n === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error("the validator's connections did not go away");
}

describe("validation of a real stack", () => {
  it("passes a healthy stack, and leaves only the terminated probe behind", async () => {
    const report = await validator.validate();
    const problems = report.checks.filter((c) => c.status === "fail" || c.status === "warn");
    expect(problems, report.formatSummary()).toEqual([]);
    expect(report.isHealthy()).toBe(true);
    expect(report.canProceed()).toBe(true);
    for (const id of [
      "postgres.port",
      "postgres.auth",
      "postgres.version",
      "postgres.databases",
      "postgres.schema.main",
      "postgres.schema.visibility",
      "postgres.tables",
      "postgres.connections",
    ]) {
      expect(report.check(id)?.status, id).toBe("pass");
    }
    for (const id of [
      "temporal.port",
      "temporal.health",
      "temporal.version",
      "temporal.persistence",
      "temporal.namespace",
      "ui.port",
      "ui.healthz",
      "ui.cluster-info",
    ]) {
      expect(report.check(id)?.status, id).toBe("pass");
    }
    for (const id of [
      "integration.temporal-connections",
      "integration.namespace-registered",
      "integration.persistence",
    ]) {
      expect(report.check(id)?.status, id).toBe("pass");
    }
    expect(report.check("postgres.schema.main")?.message).toBe(
      "Schema version 1.10 in temporal, as Temporal 1.22.0 expects",
    );
    expect(report.check("postgres.schema.visibility")?.message).toBe(
      "Schema version 1.3 in temporal_visibility, as Temporal 1.22.0 expects",
    );
    expect(report.check("temporal.persistence")?.message).toBe("Temporal persists to PostgreSQL (postgres12)");
    for (const service of ["postgres", "temporal", "temporal-ui"]) {
      expect(report.check(`container.${service}`)).toMatchObject({
        status: "pass",
        message: `Container ${stack.project}-${service} is running and healthy`,
      });
    }
    expect(diagnose(report)).toEqual([]);
    expect(JSON.stringify(report)).not.toContain(stack.password);
    expect(report.formatSummary()).not.toContain(stack.password);
    expect(report.formatSummary().split("\n")[0]).toBe("✓ Deployment HEALTHY");

    const rows = await withClient((c) =>
      c.query<{ status: number }>("SELECT status FROM current_executions WHERE workflow_id = $1", [PROBE_WORKFLOW_ID]),
    );
    expect(rows.rows).toEqual([{ status: 5 }]); // one record, TERMINATED
    await validator.validate();
    const again = await withClient((c) =>
      c.query<{ status: number }>("SELECT status FROM current_executions WHERE workflow_id = $1", [PROBE_WORKFLOW_ID]),
    );
    expect(again.rows).toEqual([{ status: 5 }]);
  });

  it("names a wrong password as the root cause, pq-style and without the password", async () => {
    const wrong = "not-the-right-password-42";
    const report = await validator.validate({ postgresPassword: wrong });
    expect(report.rootCause()).toMatchObject({
      id: "postgres.auth",
      message: 'PostgreSQL refused the login: password authentication failed for user "postgres"',
      remedy: "#postgres-password-failed",
    });
    expect(report.check("postgres.schema.main")).toMatchObject({ status: "skip", skippedBecauseOf: "postgres.auth" });
    expect(report.check("integration.persistence")?.status).toBe("skip");
    expect(report.check("temporal.health")?.status).toBe("pass");
    expect(report.canProceed()).toBe(false);
    const text = JSON.stringify(report) + report.formatSummary();
    expect(text).not.toContain(wrong);
    expect(text).not.toContain(stack.password);
    expect(diagnose(report)[0]?.id).toBe("postgres-password-failed");
  });

  it("finds a schema one step behind the server, made by the real sql tool: expected 1.10, found 1.9", async () => {
    // Temporal's own temporal-sql-tool (in the auto-setup image) migrates a copy of the main
    // database up to 1.9 only, and its visibility database completely.
    const tool = (database: string, step: string) =>
      `temporal-sql-tool --plugin postgres --ep postgres -u ` +
      `${stack.env.POSTGRES_USER} -p 5432 --db ${database} ${step}`;
    const versioned = (schema: string) => `/etc/temporal/schema/postgresql/v12/${schema}/versioned`;
    const script = [
      tool("temporal_old", "create"),
      tool("temporal_old", "setup-schema -v 0.0"),
      tool("temporal_old", `update-schema -d ${versioned("temporal")} -v 1.9`),
      tool("temporal_old_visibility", "create"),
      tool("temporal_old_visibility", "setup-schema -v 0.0"),
      tool("temporal_old_visibility", `update-schema -d ${versioned("visibility")}`),
    ].join(" && ");
    const made = await execInContainer(stack.docker, stack.containers.temporal, ["sh", "-c", script], {
      env: [`SQL_PASSWORD=${stack.password}`],
    });
    expect(made.exitCode, made.stderr).toBe(0);
    try {
      const report = await validator.validate({ postgresDatabase: "temporal_old" });
      expect(report.rootCause()).toMatchObject({
        id: "postgres.schema.main",
        message: "Schema of temporal_old is behind: expected 1.10, found 1.9",
        remedy: "#schema-version-behind",
      });
      expect(report.check("postgres.schema.visibility")?.status).toBe("pass");
      expect(report.isHealthy()).toBe(false);
      const [first] = diagnose(report);
      expect(first).toMatchObject({
        id: "schema-version-behind",
        fix: { kind: "restart-container", service: "temporal" },
      });
    } finally {
      // WITH (FORCE): the validator's connections may still be closing.
      await withClient(
        (c) =>
          c
            .query("DROP DATABASE temporal_old WITH (FORCE)")
            .then(() => c.query("DROP DATABASE temporal_old_visibility WITH (FORCE)")),
        "postgres",
      );
    }
  });

  it("reports a namespace deleted through Temporal's API, with its remedy, and skips what depends on it", async () => {
    const connection = openTemporalConnection(`127.0.0.1:${stack.ports.temporal}`);
    try {
      await registerNamespace(connection, { name: "orders", retentionHours: 24 });
      await connection.operatorService.deleteNamespace({ namespace: "orders" });
      // Temporal renames a deleted namespace in the background: wait for the server to finish.
      await expect
        .poll(
          () =>
            describeNamespace(connection, "orders", 2000).then(
              () => "still there",
              (error: MyceliumError) => error.code,
            ),
          { timeout: 30_000 },
        )
        .toBe("not_found:namespace");
    } finally {
      await connection.close();
    }
    const report = await validator.validate({ temporalNamespace: "orders" });
    expect(report.rootCause()).toMatchObject({
      id: "temporal.namespace",
      message: "Namespace orders is not found.",
      remedy: "#namespace-not-found",
      hint: expect.stringContaining("wait and check again, or register it"),
    });
    expect(report.check("integration.namespace-registered")).toMatchObject({
      status: "skip",
      skippedBecauseOf: "temporal.namespace",
    });
    expect(diagnose(report)[0]).toMatchObject({ id: "namespace-not-found", fix: { kind: "wait-and-recheck" } });
  });

  it("is degraded, not unhealthy, when the UI is down", async () => {
    await stack.stopUi();
    try {
      const report = await validator.validate();
      expect(report.status).toBe("degraded");
      expect(report.isHealthy()).toBe(false);
      expect(report.canProceed()).toBe(true);
      // The container first (what to fix), then its port.
      expect(report.rootCause()).toMatchObject({
        id: "container.temporal-ui",
        message: `Container ${stack.project}-temporal-ui was stopped (exit code 143: SIGTERM, as docker stop sends)`,
      });
      expect(report.check("ui.port")).toMatchObject({
        status: "fail",
        message: `Temporal UI port ${stack.ports.ui} is not reachable on 127.0.0.1 (connection refused)`,
      });
      expect(
        report.checks
          .filter((c) => c.status === "fail")
          .map((c) => c.id)
          .sort(),
      ).toEqual(["container.temporal-ui", "ui.port"]);
      expect(diagnose(report)[0]?.id).toBe("temporal-ui-not-accessible");
      expect(report.formatSummary().split("\n")[0]).toBe("⚠ Deployment DEGRADED (can proceed)");
    } finally {
      await stack.startUi();
    }
  });

  it("warns when PostgreSQL's connection slots run short, and names exhaustion as the root cause", async () => {
    const held: pg.Client[] = [];
    try {
      const inUse = await withClient(async (c) => {
        await validatorConnectionsGone(c);
        return (
          await c.query<{ n: number }>(
            "SELECT count(*)::int AS n FROM pg_stat_activity WHERE backend_type = 'client backend'",
          )
        ).rows[0]!.n;
      });
      // 85 % of the slots taken while the validator's own two connections are open; the helper
      // client above is closed again. Temporal's pools may open more meanwhile: at least 85 %.
      const target = Math.ceil(MAX_CONNECTIONS * 0.85);
      for (let i = inUse - 1; i < target - 2; i++) held.push(await stack.connect());
      const report = await validator.validate();
      expect(report.check("postgres.connections")).toMatchObject({ status: "warn", remedy: "#too-many-connections" });
      const [, used, max] =
        /^PostgreSQL is running out of connection slots: (\d+) of (\d+) connections in use \(\d+ %\)$/.exec(
          report.check("postgres.connections")!.message,
        ) ?? [];
      expect(Number(max)).toBe(MAX_CONNECTIONS);
      expect(Number(used) / MAX_CONNECTIONS).toBeGreaterThanOrEqual(CONNECTION_WARN_RATIO);
      expect(report.status).toBe("degraded");
      expect(diagnose(report)[0]?.id).toBe("too-many-connections");

      // Take every slot left: the validator's own login is refused now.
      await validatorConnectionsGone(held[0]!);
      for (;;) {
        try {
          held.push(await stack.connect());
        } catch {
          break;
        }
      }
      const exhausted = await validator.validate();
      expect(exhausted.rootCause()).toMatchObject({
        id: "postgres.auth",
        message: "PostgreSQL refused a new connection: sorry, too many clients already",
      });
      expect(diagnose(exhausted)[0]?.id).toBe("too-many-connections");
    } finally {
      await Promise.all(held.map((c) => c.end().catch(() => undefined)));
    }
  });

  it("names a stopped Temporal as the root cause; PostgreSQL still passes", async () => {
    await stack.stopTemporal();
    try {
      const report = await validator.validate();
      expect(report.rootCause()).toMatchObject({
        id: "container.temporal",
        message: `Container ${stack.project}-temporal is stopped (exited with code 0)`,
      });
      expect(report.check("temporal.port")).toMatchObject({
        status: "fail",
        message: `Temporal gRPC port ${stack.ports.temporal} is not reachable on 127.0.0.1 (connection refused)`,
      });
      expect(
        report.checks
          .filter((c) => c.status === "fail")
          .map((c) => c.id)
          .sort(),
      ).toEqual(["container.temporal", "temporal.port"]);
      expect(report.check("postgres.schema.main")?.status).toBe("pass");
      expect(report.check("integration.persistence")).toMatchObject({
        status: "skip",
        message: expect.stringContaining("skipped: Temporal gRPC port"),
      });
      expect(report.check("ui.cluster-info")?.status).toBe("skip");
      expect(diagnose(report)[0]?.id).toBe("frontend-not-ready");
    } finally {
      await stack.startTemporal();
    }
  });

  it("with every port closed, answers in well under a second", async () => {
    const [postgres, temporal, ui] = [await findFreePort(), await findFreePort(), await findFreePort()];
    const config = configSchema.parse({
      project_name: "valtest-nothing-here",
      services: { postgres: { port: postgres }, temporal: { frontend_port: temporal, ui_port: ui } },
    });
    const lonely = new DeploymentValidator({ config, env: stack.env, engine: stack.engine });
    const started = performance.now();
    const report = await lonely.validate();
    const wall = performance.now() - started;
    expect(report.durationMs).toBeLessThan(1000);
    expect(wall).toBeLessThan(1000);
    expect(report.rootCauses().map((c) => c.id)).toEqual(["postgres.port", "temporal.port", "ui.port"]);
    expect(report.checks.every((c) => c.status === "fail" || c.status === "skip")).toBe(true);
    expect(diagnose(report).map((d) => d.id)).toEqual([
      "postgres-connection-refused",
      "frontend-not-ready",
      "temporal-ui-not-accessible",
    ]);
  });

  it("diagnoses a crashed Temporal container from its logs: missing dynamic config", async () => {
    await ensureLocalImage(TEST_IMAGES.temporal);
    const project = `${stack.project}-crash`;
    const container = await stack.docker.createContainer({
      name: `${project}-temporal`,
      Image: TEST_IMAGES.temporal,
      Env: [
        "DB=postgres12",
        "SKIP_SCHEMA_SETUP=true",
        "POSTGRES_SEEDS=postgres",
        `POSTGRES_PWD=${stack.password}`,
        "DYNAMIC_CONFIG_FILE_PATH=config/dynamicconfig/development-sql.yaml",
      ],
      Labels: {
        "com.docker.compose.project": project,
        "com.docker.compose.service": "temporal",
        "com.docker.compose.oneoff": "False",
      },
      HostConfig: { Init: true },
    });
    try {
      await container.start();
      const deadline = Date.now() + 30_000;
      while ((await container.inspect()).State.Running && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 200));
      const config = configSchema.parse({
        project_name: project,
        services: {
          postgres: { port: stack.ports.postgres },
          temporal: { frontend_port: await findFreePort(), ui_enabled: false },
        },
      });
      const report = await new DeploymentValidator({ config, env: stack.env, engine: stack.engine }).validate();
      expect(report.check("container.temporal")).toMatchObject({
        status: "fail",
        message: `Container ${project}-temporal exited with code 1`,
      });
      expect(report.rootCauses().map((c) => c.id)).toEqual(["container.temporal", "temporal.port"]);
      const logs = report.containers.find((c) => c.service === "temporal")?.logs ?? [];
      expect(logs.some((line) => line.includes("Unable to create dynamic config client"))).toBe(true);
      expect(JSON.stringify(report)).not.toContain(stack.password);
      const [first] = diagnose(report);
      expect(first).toMatchObject({
        id: "dynamic-config-missing",
        fix: { kind: "regenerate-dynamic-config", safe: true },
      });
      expect(first?.because[0]).toContain("Unable to create dynamic config client");
      expect(first?.commands[0]).toBe(`docker logs ${project}-temporal --tail 20`);
    } finally {
      await container.remove({ force: true, v: true }).catch(() => undefined);
    }
  });
});
