import { describe, expect, it } from "vitest";
import { buildConfigReference } from "./field-reference";

describe("buildConfigReference: the fields", () => {
  const rows = buildConfigReference().filter((row) => row.kind === "field");
  const byPath = new Map(rows.map((row) => [row.path, row]));

  it("lists every leaf field of the guide's config with its default", () => {
    expect(byPath.get("services.postgres.port")).toMatchObject({ type: "integer 1–65535", defaultValue: "5432" });
    expect(byPath.get("deployment.healthcheck_timeout")?.defaultValue).toBe("90");
    expect(byPath.get("services.temporal.namespace")?.defaultValue).toBe('"default"');
    expect(byPath.get("services.postgres.custom_config")?.type).toBe("map");
  });

  it("gives every field a description", () => {
    expect(rows.length).toBeGreaterThan(30);
    expect(rows.filter((row) => row.description.length < 10).map((row) => row.path)).toEqual([]);
  });

  it("gives the closed sets of values a field accepts", () => {
    const plugins = byPath.get("services.temporal.db_plugin")?.values;
    expect(plugins).toEqual(["postgresql", "postgres", "postgres12", "postgres12_pgx"]);
    expect(byPath.get("deployment.auto_start")?.values).toEqual(["true", "false"]);
    expect(byPath.get("version")?.values).toEqual(['"1.0"']);
    expect(byPath.get("services.postgres.port")?.values).toEqual([]);
  });
});

describe("buildConfigReference: the sections", () => {
  it("puts each section before its fields, with its description", () => {
    const paths = buildConfigReference().map((row) => row.path);
    expect(paths.indexOf("services.postgres")).toBeLessThan(paths.indexOf("services.postgres.port"));
    const section = buildConfigReference().find((row) => row.path === "services.postgres.resources");
    expect(section).toMatchObject({ kind: "section", type: "section", defaultValue: null, values: [] });
    expect(section?.description).toMatch(/Memory and CPU/);
  });
});
