import { describe, expect, it } from "vitest";
import type { ServiceStatus } from "../deploy/stack-status";
import { configSchema } from "../config/schema";
import { assessContainer, CONTAINER_CHECK_TIMEOUT_MS, containerChecks, evidenceSince } from "./container-checks";
import { resolveValidationOptions } from "./validation-options";
import { LOCAL_ADDRESSES } from "../stack/engine-target";

function container(extra: Partial<ServiceStatus>): ServiceStatus {
  return {
    service: "temporal",
    role: "service",
    containerName: "temporal-deployment-temporal",
    containerId: "abc",
    image: "temporalio/auto-setup:1.22.0",
    state: "running",
    health: "healthy",
    ports: [],
    startedAt: null,
    uptimeSeconds: null,
    restartCount: 0,
    oomKilled: false,
    exitCode: null,
    error: null,
    ...extra,
  };
}

describe("assessContainer", () => {
  it("passes a running, healthy container", () => {
    expect(assessContainer(container({}))).toMatchObject({
      status: "pass",
      message: "Container temporal-deployment-temporal is running and healthy",
    });
  });
  it("passes a container healthy again after restarts, and warns on one still starting before any crash", () => {
    expect(assessContainer(container({ restartCount: 2, health: "healthy" }))).toMatchObject({
      status: "pass",
      message: "Container temporal-deployment-temporal is running and healthy (it restarted 2 times before)",
    });
    expect(assessContainer(container({ health: "starting" }))).toMatchObject({
      status: "warn",
      message: "Container temporal-deployment-temporal is still starting (health: starting)",
    });
  });
  it("says a container ended by SIGTERM was stopped, not that it crashed", () => {
    const outcome = assessContainer(container({ state: "exited", exitCode: 143 }));
    expect(outcome).toMatchObject({
      status: "fail",
      message: "Container temporal-deployment-temporal was stopped (exit code 143: SIGTERM, as docker stop sends)",
    });
    // Nothing to repair: no troubleshooting entry for a stop the user asked for.
    expect(outcome.remedy).toBeUndefined();
  });
  it("fails a restarting, unhealthy, OOM-killed or crashed container", () => {
    expect(assessContainer(container({ health: "unhealthy" })).status).toBe("fail");
    expect(assessContainer(container({ state: "exited", oomKilled: true, exitCode: 137 }))).toMatchObject({
      status: "fail",
      remedy: "#insufficient-memory",
    });
    expect(assessContainer(container({ state: "exited", exitCode: 137 }))).toMatchObject({
      status: "fail",
      remedy: "#insufficient-memory",
    });
    expect(assessContainer(container({ state: "exited", exitCode: 1 }))).toMatchObject({
      status: "fail",
      message: "Container temporal-deployment-temporal exited with code 1",
    });
    expect(assessContainer(container({ state: "exited", exitCode: 0 })).message).toContain("is stopped");
  });
  it("names a port that could not be published", () => {
    const outcome = assessContainer(
      container({
        service: "postgres",
        state: "created",
        error:
          "driver failed programming external connectivity on endpoint " +
          "x: Bind for 127.0.0.1:5432 failed: port is already allocated",
      }),
    );
    expect(outcome).toMatchObject({ status: "fail", remedy: "#port-already-in-use" });
  });
});

describe("assessContainer through each moment of a crash loop", () => {
  const crashLine = JSON.stringify({
    level: "fatal",
    msg: "Unable to create dynamic config client",
    error: "open /etc/temporal/config/dynamicconfig/development-sql.yaml: no such file or directory",
  });
  const crashes = { exitCodes: [1, 1], lastRunLines: ["Starting temporal server", crashLine] };
  const words =
    "Unable to create dynamic config client: open " +
    "/etc/temporal/config/dynamicconfig/development-sql.yaml: no such file or directory";

  it("before the first crash, still starting: a warning, not a verdict", () => {
    expect(assessContainer(container({ health: "starting", restartCount: 0 })).status).toBe("warn");
  });
  it("exited after the crash: the exit code", () => {
    expect(assessContainer(container({ state: "exited", exitCode: 1, health: "unhealthy" }))).toMatchObject({
      status: "fail",
      message: "Container temporal-deployment-temporal exited with code 1",
      remedy: "#temporal-fails-to-start",
    });
  });
  it("restarting: crash-looping, with the exit codes and the crash's own words", () => {
    expect(
      assessContainer(container({ state: "restarting", restartCount: 2, health: "starting" }), crashes),
    ).toMatchObject({
      status: "fail",
      message:
        `Container temporal-deployment-temporal is crash-looping: it crashed ` +
        `2 times (exit code 1) and has not been healthy since: ${words}`,
      remedy: "#temporal-fails-to-start",
    });
  });
  it("running and starting again after N restarts: crash-looping, not 'still starting'", () => {
    const outcome = assessContainer(container({ state: "running", restartCount: 3, health: "starting" }), crashes);
    expect(outcome).toMatchObject({
      status: "fail",
      message:
        `Container temporal-deployment-temporal is crash-looping: it crashed ` +
        `3 times (exit code 1) and has not been healthy since: ${words}`,
    });
    expect(outcome.detail).toMatch(/^running again \(health: starting\)/);
  });
  it("running again with no healthcheck verdict and nothing known of the crash: still crash-looping", () => {
    expect(assessContainer(container({ state: "running", restartCount: 1, health: "none" }))).toMatchObject({
      status: "fail",
      message:
        "Container temporal-deployment-temporal is crash-looping: it crashed 1 time and has not been healthy since",
    });
  });
  it("names every distinct exit code the engine still remembers", () => {
    expect(
      assessContainer(container({ state: "restarting", restartCount: 1 }), { exitCodes: [1, 2, 1], lastRunLines: [] })
        .message,
    ).toBe(
      "Container temporal-deployment-temporal is crash-looping: it " +
        "crashed 3 times (exit codes 1, 2) and has not been healthy since",
    );
  });
});

describe("evidenceSince", () => {
  const startedAt = "2026-12-04T10:00:00.000Z";
  it("reads only the current run of a container that is fine or recovered", () => {
    expect(evidenceSince(container({ startedAt }))).toBe(Date.parse(startedAt) / 1000);
    expect(evidenceSince(container({ startedAt, restartCount: 5, health: "healthy" }))).toBe(
      Date.parse(startedAt) / 1000,
    );
    expect(evidenceSince(container({ startedAt, health: "starting" }))).toBe(Date.parse(startedAt) / 1000);
  });
  it("keeps the crashes of a container caught between two attempts", () => {
    expect(evidenceSince(container({ startedAt, restartCount: 5, health: "starting" }))).toBeUndefined();
    expect(evidenceSince(container({ state: "restarting", restartCount: 5 }))).toBeUndefined();
    expect(evidenceSince(container({ state: "exited", exitCode: 1 }))).toBeUndefined();
  });
});

describe("assessContainer for a one-shot job", () => {
  const job = (extra: Partial<ServiceStatus>) =>
    container({ role: "job", service: "schema", containerName: "demo-schema", health: "none", ...extra });
  it("passes a job that exited 0, and fails one that exited otherwise", () => {
    expect(assessContainer(job({ state: "exited", exitCode: 0 }))).toMatchObject({
      status: "pass",
      message: "Job demo-schema completed successfully",
    });
    expect(assessContainer(job({ state: "exited", exitCode: 2 }))).toMatchObject({
      status: "fail",
      message: "Job demo-schema failed (exit code 2)",
    });
  });
  it("warns while the job runs and fails one that never ran", () => {
    expect(assessContainer(job({ state: "running" }))).toMatchObject({
      status: "warn",
      message: "Job demo-schema is still running",
    });
    expect(assessContainer(job({ state: "created" }))).toMatchObject({
      status: "fail",
      message: "Job demo-schema has not run (created)",
    });
  });
});

describe("containerChecks", () => {
  it("gives the engine reads a deadline of their own, longer than the network probes'", () => {
    const options = resolveValidationOptions(configSchema.parse({}), null, LOCAL_ADDRESSES);
    const checks = containerChecks(options);
    expect(checks.length).toBeGreaterThan(0);
    for (const check of checks) expect(check.timeoutMs).toBe(CONTAINER_CHECK_TIMEOUT_MS);
    expect(CONTAINER_CHECK_TIMEOUT_MS).toBeGreaterThan(options.checkTimeoutMs);
    // A user's longer --timeout lengthens them too.
    const patient = containerChecks({ ...options, checkTimeoutMs: 30_000 });
    expect(patient.every((check) => check.timeoutMs === 30_000)).toBe(true);
  });
});
