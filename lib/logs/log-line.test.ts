import { describe, expect, it } from "vitest";
import { mergeByTime, millisOf, normaliseTimestamp, timestampFromMillis, toDockerTime } from "./log-line";

describe("timestamps", () => {
  it("normalises Docker's RFC 3339 timestamps to a fixed width", () => {
    expect(normaliseTimestamp("2024-05-01T12:00:00.123456789Z")).toBe("2024-05-01T12:00:00.123456789Z");
    expect(normaliseTimestamp("2024-05-01T12:00:00.1Z")).toBe("2024-05-01T12:00:00.100000000Z");
    expect(normaliseTimestamp("2024-05-01T12:00:00Z")).toBe("2024-05-01T12:00:00.000000000Z");
    expect(normaliseTimestamp("2024-05-01T14:00:00.5+02:00")).toBe("2024-05-01T12:00:00.500000000Z");
    expect(normaliseTimestamp("yesterday")).toBeNull();
    expect(normaliseTimestamp("2024-05-01 12:00:00")).toBeNull();
  });

  it("keeps string order equal to time order", () => {
    const a = normaliseTimestamp("2024-05-01T12:00:00.9Z")!;
    const b = normaliseTimestamp("2024-05-01T12:00:00.10Z")!;
    expect(a > b).toBe(true);
  });

  it("writes since/until values as unix seconds with nanoseconds", () => {
    expect(toDockerTime("2024-05-01T12:00:00.000000042Z")).toBe("1714564800.000000042");
    expect(toDockerTime("1970-01-01T00:00:01.5Z")).toBe("1.500000000");
    expect(() => toDockerTime("nope")).toThrow();
  });

  it("converts to and from milliseconds", () => {
    const ts = timestampFromMillis(Date.UTC(2024, 4, 1, 12, 0, 0, 7));
    expect(ts).toBe("2024-05-01T12:00:00.007000000Z");
    expect(millisOf(ts)).toBe(Date.UTC(2024, 4, 1, 12, 0, 0, 7));
  });

  it("merges lists into time order, stable for equal times", () => {
    const line = (ts: string, text: string) => ({ service: "s", stream: "stdout" as const, ts, text });
    expect(mergeByTime([line("2", "a"), line("4", "b")], [line("1", "c"), line("2", "d")]).map((l) => l.text)).toEqual([
      "c",
      "a",
      "d",
      "b",
    ]);
  });
});
