import { describe, expect, it } from "vitest";
import { renderDefaultConfigYaml } from "./default-config";
import { parseConfigText } from "./parse-config";
import { defaultConfig } from "./schema";

describe("renderDefaultConfigYaml", () => {
  const text = renderDefaultConfigYaml();

  it("parses with zero findings to the schema's defaults, on the newest release and PostgreSQL 16", () => {
    const { config, findings } = parseConfigText(text);
    expect(findings).toEqual([]);
    // Only the versions differ from the schema's defaults (the guide's).
    const defaults = defaultConfig();
    expect(config).toEqual({
      ...defaults,
      services: {
        ...defaults.services,
        temporal: { ...defaults.services.temporal, version: "1.32.2" },
        postgres: { ...defaults.services.postgres, version: "16" },
      },
    });
  });

  it("follows the guide's layout, quotes versions and comments every field", () => {
    expect(text.startsWith("# Mycelium configuration")).toBe(true);
    expect(text).toContain('version: "1.0"');
    expect(text).toMatch(/\n {4}version: "16" +# /);
    expect(text).toMatch(/\n {4}version: "1\.32\.2" +# /);
    const fieldLines = text.split("\n").filter((line) => /^\s*[a-z_]+: \S/.test(line));
    expect(fieldLines.filter((line) => !line.includes(" # ")).map((line) => line.trim())).toEqual([]);
  });

  it("shows optional fields commented out, with values that would be valid", () => {
    expect(text).toContain('    # ui_version: "2.54.1"');
    expect(text).toContain("    # db_plugin: postgres12");
    const uncommented = text.replace(
      /^(\s*)# (ui_version|db_plugin|image|ui_image|resources|ui_resources):/gm,
      "$1$2:",
    );
    const { config, findings } = parseConfigText(uncommented);
    expect(findings).toEqual([]);
    expect(config?.services.temporal.ui_version).toBe("2.54.1");
    expect(config?.services.postgres.resources).toEqual({ memory: "1g", cpus: 2 });
  });
});
