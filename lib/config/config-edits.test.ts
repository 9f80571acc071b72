import { describe, expect, it } from "vitest";
import { applyConfigEdits, splitEditPath, withConfigEdits } from "./config-edits";

const original = `# my stack
version: "1.0"
project_name: demo # keep me
services:
  postgres:
    port: 5432 # the usual
    custom_config:
      shared_buffers: "256MB"
`;

describe("applyConfigEdits", () => {
  it("changes a value and keeps comments and order", () => {
    const edited = applyConfigEdits(original, { "services.postgres.port": 5433 });
    expect(edited).toContain("port: 5433 # the usual");
    expect(edited).toContain("# my stack");
    expect(edited).toContain("project_name: demo # keep me");
    expect(edited.indexOf("version")).toBeLessThan(edited.indexOf("project_name"));
  });

  it("adds missing parents and removes keys on null", () => {
    const edited = applyConfigEdits(original, { "services.temporal.ui_port": 8081, project_name: null });
    expect(edited).toMatch(/temporal:\n\s+ui_port: 8081/);
    expect(edited).not.toContain("project_name");
  });

  it("treats dotted setting names as one key", () => {
    const edited = applyConfigEdits(original, { "services.temporal.dynamic_config.frontend.rps": 2400 });
    expect(edited).toContain("frontend.rps: 2400");
    expect(splitEditPath("services.postgres.custom_config.pg_stat_statements.track")).toEqual([
      "services",
      "postgres",
      "custom_config",
      "pg_stat_statements.track",
    ]);
  });

  it("refuses paths that are not field names and YAML it cannot parse", () => {
    expect(() => splitEditPath("services.__proto__ x")).toThrow(/not a config field path/);
    expect(() => applyConfigEdits("a: [", { a: 1 })).toThrow(/not valid YAML/);
  });
});

describe("withConfigEdits", () => {
  it("applies the edits to a copy, as the file would read after them", () => {
    const config = { services: { temporal: { version: "1.22.0", ui_version: "2.17.1" } } };
    const edits = { "services.temporal.version": "1.23.1", "services.temporal.ui_version": null };
    const edited = withConfigEdits(config, edits);
    expect(edited).toEqual({ services: { temporal: { version: "1.23.1" } } });
    expect(config.services.temporal.version).toBe("1.22.0");
  });

  it("adds missing parents and keeps dotted setting names as one key", () => {
    const edited = withConfigEdits({}, { "services.temporal.dynamic_config.frontend.rps": 2400 });
    expect(edited).toEqual({ services: { temporal: { dynamic_config: { "frontend.rps": 2400 } } } });
  });
});
