import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readValidationHistory, recordValidation, validationHistoryPath } from "./validation-history";
import { ValidationReport } from "./validation-report";

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "mycelium-history-"));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

function report(at: number, status: "pass" | "fail"): ValidationReport {
  return new ValidationReport({
    project: "p",
    startedAt: new Date(Date.UTC(2026, 10, 27, 10, 0, at)).toISOString(),
    durationMs: 12,
    mode: "concurrent",
    target: { project: "p", postgres: null, temporal: null, ui: null, redis: null },
    checks: [
      {
        id: "postgres.port",
        title: "PostgreSQL port 5432",
        category: "connectivity",
        component: "postgres",
        status,
        message: status === "pass" ? "open" : "PostgreSQL port 5432 is not reachable",
        detail: null,
        hint: null,
        remedy: null,
        dependsOn: [],
        skippedBecauseOf: null,
        startedAtMs: 0,
        durationMs: 1,
      },
    ],
    containers: [],
  });
}

describe("validation history", () => {
  it("lives under XDG_STATE_HOME, else ~/.local/state", () => {
    expect(validationHistoryPath({ XDG_STATE_HOME: "/s", HOME: "/h" })).toBe("/s/mycelium/validation-history.jsonl");
    expect(validationHistoryPath({ HOME: "/h" })).toBe("/h/.local/state/mycelium/validation-history.jsonl");
  });

  it("keeps the newest runs, newest first, bounded, even when appended concurrently", async () => {
    const env = { XDG_STATE_HOME: dir };
    await Promise.all(
      Array.from({ length: 8 }, (_, i) => recordValidation(report(i, i === 7 ? "fail" : "pass"), { env, limit: 5 })),
    );
    const history = await readValidationHistory({ env });
    expect(history).toHaveLength(5);
    expect(history[0]).toMatchObject({ status: "unhealthy", canProceed: false, rootCause: { id: "postgres.port" } });
    expect(history.map((h) => h.at.slice(17, 19))).toEqual(["07", "06", "05", "04", "03"]);
    const text = await fs.readFile(validationHistoryPath(env), "utf8");
    expect(text.trim().split("\n")).toHaveLength(5);
    expect((await fs.stat(validationHistoryPath(env))).mode & 0o777).toBe(0o600);
  });

  it("skips a torn line instead of failing", async () => {
    const env = { XDG_STATE_HOME: dir };
    await recordValidation(report(1, "pass"), { env });
    await fs.appendFile(validationHistoryPath(env), '{"at": "2026-11-27T10:0');
    await recordValidation(report(2, "pass"), { env });
    expect(await readValidationHistory({ env })).toHaveLength(2);
  });
});
