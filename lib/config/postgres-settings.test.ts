import { describe, expect, it } from "vitest";
import { formatPostgresSettingArgs, POSTGRES_SETTINGS, postgresSettingSpec } from "./postgres-settings";

describe("POSTGRES_SETTINGS", () => {
  it("covers the common settings with their kinds", () => {
    expect(Object.keys(POSTGRES_SETTINGS).length).toBeGreaterThanOrEqual(120);
    expect(postgresSettingSpec("shared_buffers")).toEqual({
      kind: "memory",
      baseUnit: "8kB",
      min: 16,
      max: 1073741823,
    });
    expect(postgresSettingSpec("statement_timeout")).toMatchObject({ kind: "time", baseUnit: "ms" });
    expect(postgresSettingSpec("wal_level")).toMatchObject({ kind: "enum", values: ["minimal", "replica", "logical"] });
    // PostgreSQL setting names are case-insensitive.
    expect(postgresSettingSpec("TimeZone")).toEqual({ kind: "string" });
    expect(postgresSettingSpec("no_such_setting")).toBeUndefined();
  });
});

describe("formatPostgresSettingArgs", () => {
  it("produces -c pairs sorted by name, max_connections included", () => {
    expect(
      formatPostgresSettingArgs(
        { shared_buffers: "256MB", effective_cache_size: "1GB", jit: false, random_page_cost: 1.1 },
        100,
      ),
    ).toEqual([
      "-c",
      "effective_cache_size=1GB",
      "-c",
      "jit=off",
      "-c",
      "max_connections=100",
      "-c",
      "random_page_cost=1.1",
      "-c",
      "shared_buffers=256MB",
    ]);
  });

  it("does not depend on key order, and max_connections always comes from the field", () => {
    const a = formatPostgresSettingArgs({ work_mem: "16MB", fsync: true }, 50);
    const b = formatPostgresSettingArgs({ fsync: true, work_mem: "16MB", max_connections: 999 }, 50);
    expect(a).toEqual(b);
    expect(a).toContain("max_connections=50");
  });
});
