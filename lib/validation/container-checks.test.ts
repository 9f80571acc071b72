import { describe, expect, it } from "vitest";
import type { ServiceStatus } from "../deploy/stack-status";
import { assessContainer, evidenceSince } from "./container-checks";

function container(extra: Partial<ServiceStatus>): ServiceStatus {
  return {
    service: "temporal",
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
    expect(assessContainer(container({}))).toMatchObject({ status: "pass", message: "Container temporal-deployment-temporal is running and healthy" });
  });
  it("warns on restarts and on a container still starting", () => {
    expect(assessContainer(container({ restartCount: 2, health: "none" }))).toMatchObject({ status: "warn", remedy: "#temporal-fails-to-start" });
    expect(assessContainer(container({ restartCount: 2, health: "healthy" }))).toMatchObject({
      status: "pass",
      message: "Container temporal-deployment-temporal is running and healthy (it restarted 2 times before)",
    });
    expect(assessContainer(container({ health: "starting" })).status).toBe("warn");
  });
  it("says a container ended by SIGTERM was stopped, not that it crashed", () => {
    const outcome = assessContainer(container({ state: "exited", exitCode: 143 }));
    expect(outcome).toMatchObject({ status: "fail", message: "Container temporal-deployment-temporal was stopped (exit code 143: SIGTERM, as docker stop sends)" });
    // Nothing to repair: no troubleshooting entry for a stop the user asked for.
    expect(outcome.remedy).toBeUndefined();
  });
  it("fails a restarting, unhealthy, OOM-killed or crashed container", () => {
    expect(assessContainer(container({ state: "restarting", restartCount: 7 }))).toMatchObject({
      status: "fail",
      message: "Container temporal-deployment-temporal is restarting continuously (7 restarts)",
    });
    expect(assessContainer(container({ health: "unhealthy" })).status).toBe("fail");
    expect(assessContainer(container({ state: "exited", oomKilled: true, exitCode: 137 }))).toMatchObject({ status: "fail", remedy: "#insufficient-memory" });
    expect(assessContainer(container({ state: "exited", exitCode: 137 }))).toMatchObject({ status: "fail", remedy: "#insufficient-memory" });
    expect(assessContainer(container({ state: "exited", exitCode: 1 }))).toMatchObject({ status: "fail", message: "Container temporal-deployment-temporal exited with code 1" });
    expect(assessContainer(container({ state: "exited", exitCode: 0 })).message).toContain("is stopped");
  });
  it("names a port that could not be published", () => {
    const outcome = assessContainer(
      container({ service: "postgres", state: "created", error: "driver failed programming external connectivity on endpoint x: Bind for 127.0.0.1:5432 failed: port is already allocated" }),
    );
    expect(outcome).toMatchObject({ status: "fail", remedy: "#port-already-in-use" });
  });
});

describe("evidenceSince", () => {
  const startedAt = "2026-12-04T10:00:00.000Z";
  it("reads only the current run of a container that is fine or recovered", () => {
    expect(evidenceSince(container({ startedAt }))).toBe(Date.parse(startedAt) / 1000);
    expect(evidenceSince(container({ startedAt, restartCount: 5, health: "healthy" }))).toBe(Date.parse(startedAt) / 1000);
    expect(evidenceSince(container({ startedAt, health: "starting" }))).toBe(Date.parse(startedAt) / 1000);
  });
  it("keeps the crashes of a container caught between two attempts", () => {
    expect(evidenceSince(container({ startedAt, restartCount: 5, health: "starting" }))).toBeUndefined();
    expect(evidenceSince(container({ state: "restarting", restartCount: 5 }))).toBeUndefined();
    expect(evidenceSince(container({ state: "exited", exitCode: 1 }))).toBeUndefined();
  });
});
