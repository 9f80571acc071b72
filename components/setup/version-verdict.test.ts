import { describe, expect, it } from "vitest";
import { verdictSentence, versionVerdict } from "./version-verdict";

describe("versionVerdict", () => {
  it("gives nothing until both versions parse", () => {
    expect(versionVerdict("latest", "16")).toBeNull();
    expect(versionVerdict("1.32.0", "")).toBeNull();
  });

  it("rates the pair and names the plugin Temporal would use", () => {
    const verdict = versionVerdict("1.32.0", "16");
    expect(verdict?.level).toBe("supported");
    expect(verdict?.plugin).toMatch(/^postgres/);
    expect(versionVerdict("1.24.0", "11")?.level).toBe("incompatible");
  });
});

describe("verdictSentence", () => {
  it("starts with the level's mark and a capital, and ends with the plugin", () => {
    expect(verdictSentence({ level: "untested", reason: "no evidence yet", plugin: "postgres12" })).toBe(
      "⚠ No evidence yet. Temporal will use the postgres12 plugin.",
    );
    expect(verdictSentence({ level: "incompatible", reason: "too old", plugin: "postgresql" })).toBe(
      "✗ Too old. Temporal will use the postgresql plugin.",
    );
    expect(verdictSentence({ level: "supported", reason: "tested", plugin: "postgres12" })).toMatch(/^✓ Tested\./);
  });
});
