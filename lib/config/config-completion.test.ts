import { describe, expect, it } from "vitest";
import { completeConfigAt, describeConfigKeyAt, formatFieldSummary } from "./config-completion";
import { buildConfigReference } from "./field-reference";

const reference = buildConfigReference();

function at(textWithCaret: string): [string, number] {
  return [textWithCaret.replace("|", ""), textWithCaret.indexOf("|")];
}

describe("completeConfigAt", () => {
  it("offers the keys of the map at the caret that are not written yet, sections with a bare colon", () => {
    const [text, offset] = at(["services:", "  postgres:", "    port: 5432", "    |"].join("\n"));
    const completions = completeConfigAt(reference, text, offset);
    const labels = completions?.options.map((option) => option.label);
    expect(labels).toContain("max_connections");
    expect(labels).toContain("resources");
    expect(labels).not.toContain("port");
    expect(labels).not.toContain("frontend_port");
    expect(completions?.from).toBe(offset);
    expect(completions?.options.find((o) => o.label === "max_connections")).toMatchObject({
      apply: "max_connections: ",
      detail: "integer 1–10000",
    });
    expect(completions?.options.find((o) => o.label === "resources")?.apply).toBe("resources:");
  });

  it("offers the top-level keys at the root", () => {
    const [text, offset] = at(['version: "1.0"', "proj|"].join("\n"));
    const labels = completeConfigAt(reference, text, offset)?.options.map((o) => o.label);
    expect(labels).toEqual(["project_name", "deployment", "services"]);
  });

  it("offers an enum's values, a boolean's, and otherwise the default", () => {
    const plugin = at(["services:", "  temporal:", "    db_plugin: |"].join("\n"));
    const plugins = completeConfigAt(reference, ...plugin)?.options.map((o) => o.label);
    expect(plugins).toEqual(["postgresql", "postgres", "postgres12", "postgres12_pgx"]);
    const enabled = at(["services:", "  redis:", "    enabled: |"].join("\n"));
    const booleans = completeConfigAt(reference, ...enabled)?.options;
    expect(booleans).toMatchObject([{ label: "true" }, { label: "false", detail: "default" }]);
    const port = at(["services:", "  postgres:", "    port: 5|"].join("\n"));
    const ports = completeConfigAt(reference, ...port);
    expect(ports).toMatchObject({ from: port[1] - 1, options: [{ label: "5432", detail: "default" }] });
    const version = at('version: "|');
    expect(completeConfigAt(reference, ...version)?.options.map((o) => o.apply)).toEqual(['"1.0"']);
  });

  it("offers nothing inside free-form maps or for unknown keys", () => {
    const freeForm = at(["services:", "  postgres:", "    custom_config:", "      |"].join("\n"));
    expect(completeConfigAt(reference, ...freeForm)).toBeNull();
    expect(completeConfigAt(reference, ...at(["servics:", "  |"].join("\n")))).toBeNull();
    expect(completeConfigAt(reference, ...at("project_nam: |"))).toBeNull();
  });
});

describe("describeConfigKeyAt", () => {
  it("finds the field of the key on the line, for a hover over its name or its value", () => {
    const text = ["services:", "  postgres:", "    port: 5432"].join("\n");
    const doc = describeConfigKeyAt(reference, text, text.indexOf("5432"));
    expect(doc).toMatchObject({ from: text.indexOf("port"), to: text.indexOf("port") + 4 });
    expect(formatFieldSummary(doc!.field)).toBe("services.postgres.port: integer 1–65535, default 5432");
    expect(doc?.field.description).toMatch(/Host port for PostgreSQL/);
    expect(describeConfigKeyAt(reference, text, 0)?.field.kind).toBe("section");
    expect(describeConfigKeyAt(reference, "nope: 1", 2)).toBeNull();
  });
});
