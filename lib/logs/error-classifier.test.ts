import { describe, expect, it } from "vitest";
import { isErrorLine } from "./error-classifier";

const out = (text: string) => ({ stream: "stdout" as const, text });
const err = (text: string) => ({ stream: "stderr" as const, text });

describe("isErrorLine", () => {
  it.each([
    ['{"level":"error","msg":"Unable to connect to SQL database"}'],
    ["time=2024 level=error msg=boom"],
    ['{"level":"fatal","msg":"x"}'],
    ['2024-05-01 12:00:00.000 UTC [1] ERROR:  relation "executions" does not exist'],
    ['2024-05-01 12:00:00.000 UTC [1] FATAL:  password authentication failed for user "temporal"'],
    ["panic: runtime error: invalid memory address"],
    ["PANIC:  could not write to file"],
  ])("flags %s", (text) => {
    expect(isErrorLine(out(text))).toBe(true);
  });

  it.each([
    ['{"level":"info","msg":"errors: 0"}'],
    ["database system is ready to accept connections"],
    ["error_count=0 level=info"],
    ["out r1 i3"],
  ])("does not flag %s on stdout", (text) => {
    expect(isErrorLine(out(text))).toBe(false);
  });

  it("flags stderr lines that mention an error, not every stderr line", () => {
    expect(isErrorLine(err("could not connect: Error 111"))).toBe(true);
    expect(isErrorLine(err("waiting for postgres..."))).toBe(false);
    expect(isErrorLine(err("err r1 i2"))).toBe(false);
  });
});
