import { describe, expect, it } from "vitest";
import type { CheckResult } from "./validation-check";
import { formatJunitReport } from "./junit-report";
import type { ValidationReportJson } from "./validation-report";

const check = (
  id: string,
  component: CheckResult["component"],
  status: CheckResult["status"],
  message: string,
): CheckResult => ({
  id,
  title: id,
  category: "connectivity",
  component,
  status,
  message,
  detail: status === "fail" ? "dial tcp: connection refused" : null,
  hint: null,
  remedy: null,
  dependsOn: [],
  skippedBecauseOf: null,
  startedAtMs: 0,
  durationMs: 12,
});

const report = {
  version: 1,
  project: "demo",
  startedAt: "2026-11-27T16:00:00.000Z",
  durationMs: 40,
  mode: "concurrent",
  status: "unhealthy",
  healthy: false,
  canProceed: false,
  counts: { pass: 1, warn: 0, fail: 1, skip: 1 },
  rootCauses: ["postgres.port"],
  settling: [],
  target: { project: "demo", postgres: null, temporal: null, ui: null, redis: null },
  checks: [
    check("postgres.port", "postgres", "fail", "PostgreSQL <5432> is not reachable"),
    check("postgres.auth", "postgres", "skip", "skipped: port"),
    check("ui.healthz", "ui", "pass", "OK"),
  ],
  containers: [],
} satisfies ValidationReportJson;

describe("formatJunitReport", () => {
  const xml = formatJunitReport(report);

  it("writes one suite per component and one case per check", () => {
    expect(xml).toContain('<testsuites name="mycelium validate" tests="3" failures="1" skipped="1"');
    expect(xml).toContain('<testsuite name="postgres" tests="2" failures="1" errors="0" skipped="1"');
    expect(xml).toContain('<testsuite name="ui" tests="1" failures="0"');
  });

  it("marks failures and skips, escaping XML", () => {
    expect(xml).toContain(
      '<failure message="PostgreSQL &lt;5432&gt; is not reachable">dial tcp: connection refused</failure>',
    );
    expect(xml).toContain('<skipped message="skipped: port"/>');
  });
});
