import { describe, expect, it } from "vitest";
import type { CheckResult } from "./validation-check";
import type { ContainerEvidence } from "./validation-context";
import { deferToSettling, overallStatus, settlingNotes, ValidationReport } from "./validation-report";

function result(
  id: string,
  component: CheckResult["component"],
  status: CheckResult["status"],
  extra: Partial<CheckResult> = {},
): CheckResult {
  return {
    id,
    title: id,
    category: "connectivity",
    component,
    status,
    message: `${id} ${status}`,
    detail: null,
    hint: null,
    remedy: null,
    dependsOn: [],
    skippedBecauseOf: null,
    startedAtMs: 0,
    durationMs: 1.5,
    ...extra,
  };
}

function report(checks: CheckResult[]): ValidationReport {
  return new ValidationReport({
    project: "temporal-deployment",
    startedAt: "2026-11-27T10:00:00.000Z",
    durationMs: 42,
    mode: "concurrent",
    target: { project: "temporal-deployment", postgres: null, temporal: null, ui: null, redis: null },
    checks,
    containers: [],
  });
}

describe("overallStatus", () => {
  it("is healthy when everything passes, and stays healthy when only the UI warns", () => {
    expect(overallStatus([result("a", "postgres", "pass"), result("u", "ui", "warn")])).toBe("healthy");
  });
  it("is degraded when an optional component fails or a required one warns", () => {
    expect(overallStatus([result("a", "postgres", "pass"), result("u", "ui", "fail")])).toBe("degraded");
    expect(overallStatus([result("a", "postgres", "warn")])).toBe("degraded");
    expect(overallStatus([result("r", "redis", "fail")])).toBe("degraded");
  });
  it("is unhealthy when PostgreSQL, Temporal or the integration fails", () => {
    for (const component of ["postgres", "temporal", "integration"] as const) {
      expect(overallStatus([result("x", component, "fail"), result("u", "ui", "pass")])).toBe("unhealthy");
    }
  });
});

describe("ValidationReport", () => {
  it("answers isHealthy / canProceed as the guide's success criteria say", () => {
    const degraded = report([result("postgres.port", "postgres", "pass"), result("ui.port", "ui", "fail")]);
    expect(degraded.isHealthy()).toBe(false);
    expect(degraded.canProceed()).toBe(true);
    const unhealthy = report([result("temporal.port", "temporal", "fail")]);
    expect(unhealthy.canProceed()).toBe(false);
  });

  it(
    "orders root causes down the stack: PostgreSQL before Temporal, a container before its port, " +
      "required before optional",
    () => {
      const r = report([
        result("ui.port", "ui", "fail"),
        result("temporal.port", "temporal", "fail"),
        result("temporal.health", "temporal", "skip"),
        result("container.postgres", "postgres", "fail", { category: "container" }),
        result("postgres.port", "postgres", "fail"),
      ]);
      expect(r.rootCauses().map((c) => c.id)).toEqual([
        "container.postgres",
        "postgres.port",
        "temporal.port",
        "ui.port",
      ]);
      expect(r.rootCause()?.id).toBe("container.postgres");
    },
  );

  it("formats a summary with the overall status, the root cause first and checks grouped by component", () => {
    const r = report([
      result("postgres.port", "postgres", "fail", {
        title: "PostgreSQL port 5432",
        message: "PostgreSQL port 5432 is not reachable on 127.0.0.1 (connection refused)",
        remedy: "#postgres-connection-refused",
      }),
      result("postgres.auth", "postgres", "skip", {
        title: "PostgreSQL login",
        message: "skipped: PostgreSQL port 5432 is not reachable on 127.0.0.1 (connection refused)",
      }),
      result("temporal.port", "temporal", "pass", {
        title: "Temporal gRPC port 7233",
        message: "Temporal gRPC port 7233 is open",
      }),
      result("ui.port", "ui", "warn", { title: "Temporal UI port 8080", message: "slow" }),
    ]);
    const text = r.formatSummary();
    const lines = text.split("\n");
    expect(lines[0]).toBe("✗ Deployment UNHEALTHY (cannot proceed)");
    expect(lines[1]).toContain("project temporal-deployment · 2026-11-27 10:00:00 UTC · 4 checks in 42 ms");
    expect(lines[3]).toBe("Root cause: PostgreSQL port 5432 is not reachable on 127.0.0.1 (connection refused)");
    expect(text).toContain("see troubleshooting #postgres-connection-refused");
    expect(text.indexOf("PostgreSQL\n")).toBeLessThan(text.indexOf("Temporal\n"));
    expect(text).toMatch(/ ✗ PostgreSQL port 5432 +PostgreSQL port 5432 is not reachable/);
    expect(text).toMatch(/ – PostgreSQL login +skipped: /);
    expect(text).toMatch(/ ✓ Temporal gRPC port 7233 /);
    expect(text).toMatch(/ ⚠ Temporal UI port 8080 /);
    expect(text).toContain("Temporal UI (optional)");
    expect(lines.at(-1)).toBe("1 passed · 1 warning · 1 failed · 1 skipped");
  });

  it("round-trips through JSON", () => {
    const r = report([result("postgres.port", "postgres", "pass"), result("ui.port", "ui", "fail")]);
    const json = JSON.parse(JSON.stringify(r));
    expect(json).toMatchObject({
      version: 1,
      status: "degraded",
      healthy: false,
      canProceed: true,
      rootCauses: ["ui.port"],
      counts: { pass: 1, fail: 1, warn: 0, skip: 0 },
    });
    const back = ValidationReport.fromJSON(json);
    expect(back.status).toBe("degraded");
    expect(back.formatSummary()).toBe(r.formatSummary());
  });

  it("says which containers are still starting, and only those that have not crashed", () => {
    const evidence = (
      containerName: string,
      health: ContainerEvidence["health"],
      restartCount: number,
    ): ContainerEvidence => ({
      service: containerName,
      containerName,
      state: "running",
      health,
      restartCount,
      oomKilled: false,
      exitCode: null,
      error: null,
      logs: [],
    });
    const notes = settlingNotes(
      [],
      [
        evidence("demo-postgres", "healthy", 0),
        evidence("demo-temporal", "starting", 0),
        evidence("demo-temporal-ui", "starting", 3),
      ],
    );
    expect(notes).toEqual([
      "demo-temporal is still starting (its healthcheck has not passed yet): run the report again in a few seconds.",
    ]);
  });
});

describe("deferToSettling", () => {
  const container = (service: string, extra: Partial<ContainerEvidence>): ContainerEvidence => ({
    service,
    containerName: `demo-${service}`,
    state: "running",
    health: "healthy",
    restartCount: 0,
    oomKilled: false,
    exitCode: null,
    error: null,
    logs: [],
    ...extra,
  });
  const checks = [
    result("container.temporal", "temporal", "warn", { category: "container" }),
    result("postgres.port", "postgres", "fail"),
    result("temporal.health", "temporal", "fail", {
      message: "Temporal's frontend did not answer (UNAVAILABLE)",
      remedy: "#frontend-not-ready",
    }),
    result("ui.healthz", "ui", "fail"),
    result("redis.ping", "redis", "fail"),
  ];

  it("turns the failures of a starting container, and of what waits for it, into warnings that say so", () => {
    const deferred = deferToSettling(checks, [
      container("postgres", {}),
      container("temporal", { health: "starting" }),
    ]);
    expect(deferred.map((c) => [c.id, c.status])).toEqual([
      ["container.temporal", "warn"],
      ["postgres.port", "fail"],
      ["temporal.health", "warn"],
      ["ui.healthz", "warn"],
      ["redis.ping", "fail"],
    ]);
    expect(deferred[2]).toMatchObject({
      message: "Temporal's frontend did not answer (UNAVAILABLE) (expected while demo-temporal is still starting)",
      remedy: null,
    });
    // The report then names no root cause in the components that are coming up.
    expect(
      report(deferred)
        .rootCauses()
        .map((c) => c.id),
    ).toEqual(["postgres.port", "redis.ping"]);
  });

  it("waits for a one-shot job that still runs: the server it gates is not started yet", () => {
    const gated = [
      result("container.temporal", "temporal", "fail", {
        category: "container",
        message: "Container demo-temporal was created but never started",
      }),
    ];
    const schemaJob = container("temporal-schema", { health: "none" });
    expect(
      deferToSettling(gated, [schemaJob, container("temporal", { state: "created", health: "none" })])[0],
    ).toMatchObject({
      status: "warn",
      message:
        "Container demo-temporal was created but never started (expected while demo-temporal-schema is still running)",
    });
    expect(settlingNotes([], [schemaJob])).toEqual([
      "demo-temporal-schema is still running (a one-shot job): run the report again in a few seconds.",
    ]);
  });

  it("waits for a server started moments ago whose cluster membership still refuses a workflow start", () => {
    const refused = result("integration.workflow", "integration", "fail", {
      message: "Temporal did not accept a workflow start: Not enough hosts to serve the request",
    });
    const justStarted = container("temporal", { uptimeSeconds: 8 });
    const [deferred] = deferToSettling([refused], [justStarted]);
    expect(deferred).toMatchObject({
      status: "warn",
      message: `${refused.message} (expected while demo-temporal's cluster membership settles)`,
    });
    expect(settlingNotes([deferred!], [justStarted])).toEqual([
      "demo-temporal started 8 s ago and its cluster membership is still settling " +
        '(Temporal answers "Not enough hosts to serve the request"): run the report again in a few seconds.',
    ]);
    // Minutes after its start, the same answer is a problem of its own.
    const longRunning = container("temporal", { uptimeSeconds: 600 });
    expect(deferToSettling([refused], [longRunning])).toEqual([refused]);
    expect(settlingNotes([refused], [longRunning])).toEqual([]);
  });

  it("leaves every failure of a container that has crashed since it was last healthy", () => {
    const crashing = container("temporal", { health: "starting", restartCount: 2 });
    expect(deferToSettling(checks, [crashing])).toEqual(checks);
  });
});
