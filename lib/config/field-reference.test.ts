import { describe, expect, it } from "vitest";
import { buildFieldReference } from "./field-reference";

describe("buildFieldReference", () => {
  const rows = buildFieldReference();
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
});
