import { describe, expect, it } from "vitest";
import { CHECK_IDS } from "@/lib/validation/check-ids";
import {
  checkAnchor,
  DEFAULT_MONITOR,
  dockerProblem,
  formatMs,
  formatRetention,
  groupChecks,
  groupOf,
  isConfigProblem,
  offersUiLink,
  parseMonitorSettings,
  recentRuns,
  skipMessage,
  uiIsDown,
  worstStatus,
  type CheckResult,
  type ValidationHistoryEntry,
  type ValidationReportJson,
} from "./health-model";

/** The fields the page's helpers read; the rest of a check does not matter to them. */
function check(fields: Partial<CheckResult> & Pick<CheckResult, "id">): CheckResult {
  return { category: "connectivity", component: "postgres", status: "pass", message: "ok", ...fields } as CheckResult;
}

function run(at: string, project: string | null): ValidationHistoryEntry {
  return {
    at,
    project,
    status: "healthy",
    canProceed: true,
    durationMs: 10,
    counts: { pass: 1, warn: 0, fail: 0, skip: 0 },
    rootCause: null,
    checks: [],
  };
}

describe("offersUiLink and uiIsDown", () => {
  it("offers the Temporal UI on the namespace and UI checks only", () => {
    expect(offersUiLink(check({ id: CHECK_IDS.temporalNamespace }))).toBe(true);
    expect(offersUiLink(check({ id: CHECK_IDS.uiHealthz }))).toBe(true);
    expect(offersUiLink(check({ id: CHECK_IDS.postgresAuth }))).toBe(false);
  });

  it("calls the UI down only when one of its checks failed", () => {
    expect(uiIsDown([check({ id: CHECK_IDS.uiPort, component: "ui", status: "warn" })])).toBe(false);
    expect(uiIsDown([check({ id: CHECK_IDS.postgresPort, status: "fail" })])).toBe(false);
    expect(uiIsDown([check({ id: CHECK_IDS.uiPort, component: "ui", status: "fail" })])).toBe(true);
  });
});

describe("check groups", () => {
  it("puts container checks in their own group and the rest under their component", () => {
    expect(groupOf(check({ id: "container.temporal", category: "container", component: "temporal" }))).toBe(
      "containers",
    );
    expect(groupOf(check({ id: CHECK_IDS.temporalHealth, category: "health", component: "temporal" }))).toBe(
      "temporal",
    );
  });

  it("rates a group by its worst check, a skip below a warning", () => {
    expect(worstStatus([])).toBe("pass");
    expect(worstStatus(["pass", "skip"])).toBe("skip");
    expect(worstStatus(["skip", "warn", "pass"])).toBe("warn");
    expect(worstStatus(["warn", "fail", "skip"])).toBe("fail");
  });

  it("orders the groups down the stack and leaves out empty ones", () => {
    const groups = groupChecks([
      check({ id: "container.postgres", category: "container", component: "postgres", status: "pass" }),
      check({ id: CHECK_IDS.uiHealthz, component: "ui", status: "warn" }),
      check({ id: CHECK_IDS.postgresAuth, component: "postgres", status: "fail" }),
      check({ id: CHECK_IDS.postgresPort, component: "postgres", status: "pass" }),
    ]);
    expect(groups.map((g) => [g.id, g.label, g.status, g.checks.map((c) => c.id)])).toEqual([
      ["postgres", "PostgreSQL", "fail", [CHECK_IDS.postgresAuth, CHECK_IDS.postgresPort]],
      ["ui", "Temporal UI", "warn", [CHECK_IDS.uiHealthz]],
      ["containers", "Containers", "pass", ["container.postgres"]],
    ]);
  });
});

describe("check rows", () => {
  it("says why a check was skipped once, whatever the message starts with", () => {
    expect(skipMessage(check({ id: "a", status: "skip", message: "Skipped: PostgreSQL is down" }))).toBe(
      "Skipped: PostgreSQL is down",
    );
    expect(skipMessage(check({ id: "a", status: "skip", message: "PostgreSQL is down" }))).toBe(
      "skipped: PostgreSQL is down",
    );
  });

  it("shows short durations in milliseconds and longer ones in seconds", () => {
    expect(formatMs(0.4)).toBe("<1 ms");
    expect(formatMs(12.6)).toBe("13 ms");
    expect(formatMs(999)).toBe("999 ms");
    expect(formatMs(1500)).toBe("1.5 s");
  });

  it("makes an element id of any check id", () => {
    expect(checkAnchor("container.temporal")).toBe("check-container-temporal");
    expect(checkAnchor("integration.temporal-connections")).toBe("check-integration-temporal-connections");
  });
});

describe("dockerProblem", () => {
  const report = (checks: CheckResult[]) => ({ checks }) as ValidationReportJson;

  it("gives the engine's own reason when container checks were skipped for it", () => {
    const skipped = check({
      id: "container.postgres",
      category: "container",
      status: "skip",
      message: "skipped: the Docker engine did not answer (connect ENOENT /var/run/docker.sock)",
    });
    expect(dockerProblem(report([skipped]))).toBe("connect ENOENT /var/run/docker.sock");
  });

  it("falls back to a sentence when the skip names no reason", () => {
    const skipped = check({
      id: "container.postgres",
      category: "container",
      status: "skip",
      message: "skipped: the Docker engine did not answer",
    });
    expect(dockerProblem(report([skipped]))).toBe("The Docker engine did not answer.");
  });

  it("finds no problem when container checks ran or were skipped for another reason", () => {
    expect(
      dockerProblem(
        report([check({ id: "container.postgres", category: "container", status: "fail", message: "exited (1)" })]),
      ),
    ).toBeNull();
    expect(
      dockerProblem(
        report([
          check({
            id: "container.postgres",
            category: "container",
            status: "skip",
            message: "skipped: no containers of project p",
          }),
        ]),
      ),
    ).toBeNull();
  });
});

describe("recentRuns", () => {
  const entries = [
    run("2026-01-01T10:00:00.000Z", "a"),
    run("2026-01-01T12:00:00.000Z", "b"),
    run("2026-01-01T11:00:00.000Z", "a"),
    run("2026-01-01T13:00:00.000Z", "a"),
  ];

  it("keeps the project's runs, newest first, at most the limit", () => {
    expect(recentRuns(entries, "a", 2).map((e) => e.at)).toEqual([
      "2026-01-01T13:00:00.000Z",
      "2026-01-01T11:00:00.000Z",
    ]);
  });

  it("keeps every project's runs when no project is known", () => {
    expect(recentRuns(entries, null, 10)).toHaveLength(4);
  });
});

describe("parseMonitorSettings", () => {
  it("reads stored settings", () => {
    expect(parseMonitorSettings(JSON.stringify({ enabled: true, intervalSeconds: 300 }))).toEqual({
      enabled: true,
      intervalSeconds: 300,
    });
  });

  it("falls back to the defaults for nothing stored, broken JSON or null", () => {
    expect(parseMonitorSettings(null)).toEqual(DEFAULT_MONITOR);
    expect(parseMonitorSettings("{")).toEqual(DEFAULT_MONITOR);
    expect(parseMonitorSettings("null")).toEqual(DEFAULT_MONITOR);
  });

  it("replaces an interval it does not offer and enables only on a literal true", () => {
    expect(parseMonitorSettings(JSON.stringify({ enabled: "yes", intervalSeconds: 7 }))).toEqual({
      enabled: false,
      intervalSeconds: 60,
    });
  });
});

describe("formatRetention", () => {
  it("writes hours as Temporal's CLI takes them", () => {
    expect(formatRetention(null)).toBe("–");
    expect(formatRetention(72)).toBe("72 h");
    expect(formatRetention(1 / 3)).toBe("0.33 h");
  });
});

describe("isConfigProblem", () => {
  const problem = (code: string) => ({ status: 400, body: { code, message: "m" } });

  it("points the page to the editor for a missing or invalid config", () => {
    for (const code of [
      "not_found:config",
      "bad_request:config_invalid",
      "unprocessable:config",
      "bad_request:project_name",
    ]) {
      expect(isConfigProblem(problem(code)), code).toBe(true);
    }
  });

  it("leaves other failures to the report", () => {
    expect(isConfigProblem(problem("unavailable:docker"))).toBe(false);
    expect(isConfigProblem(problem("conflict:configuration_lock"))).toBe(false);
  });
});
