import { describe, expect, it } from "vitest";
import { compileFilter } from "./log-filter";

const both = { stdout: true, stderr: true };
const out = { stream: "stdout" as const };
const err = { stream: "stderr" as const };

describe("compileFilter", () => {
  it("lets everything through when empty", () => {
    const filter = compileFilter({ text: "", regex: false, streams: both });
    expect(filter.ok && filter.active).toBe(false);
    expect(filter.matches(out, "anything")).toBe(true);
  });

  it("matches text as a case-insensitive substring", () => {
    const filter = compileFilter({ text: "Conn", regex: false, streams: both });
    expect(filter.matches(out, "connection refused")).toBe(true);
    expect(filter.matches(out, "ready")).toBe(false);
    // A regex character is literal in text mode.
    expect(compileFilter({ text: "a.c", regex: false, streams: both }).matches(out, "abc")).toBe(false);
  });

  it("matches a regular expression", () => {
    const filter = compileFilter({ text: "^out r\\d+ i1\\d$", regex: true, streams: both });
    expect(filter.matches(out, "out r1 i12")).toBe(true);
    expect(filter.matches(out, "out r1 i2")).toBe(false);
  });

  it("reports an invalid regex and filters by stream only meanwhile", () => {
    const filter = compileFilter({ text: "(unclosed", regex: true, streams: { stdout: true, stderr: false } });
    expect(filter.ok).toBe(false);
    if (!filter.ok) expect(filter.error).toMatch(/^Invalid regular expression: .*unclosed|Unterminated group/);
    expect(filter.matches(out, "x")).toBe(true);
    expect(filter.matches(err, "x")).toBe(false);
  });

  it("filters by stream", () => {
    const onlyErr = compileFilter({ text: "", regex: false, streams: { stdout: false, stderr: true } });
    expect(onlyErr.active).toBe(true);
    expect(onlyErr.matches(out, "x")).toBe(false);
    expect(onlyErr.matches(err, "x")).toBe(true);
    const errText = compileFilter({ text: "fail", regex: false, streams: { stdout: false, stderr: true } });
    expect(errText.matches(err, "it failed")).toBe(true);
    expect(errText.matches(out, "it failed")).toBe(false);
  });
});
