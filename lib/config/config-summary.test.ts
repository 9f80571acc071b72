import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { formatConfigSummary, formatFindings } from "./config-summary";
import type { Finding } from "./findings";
import { parseConfigText } from "./parse-config";
import { configSchema } from "./schema";

const guideConfig = readFileSync(new URL("./fixtures/guide-step1-config.yaml", import.meta.url), "utf8");

describe("formatConfigSummary", () => {
  it("prints exactly the guide's Step 2 output for the guide's config", () => {
    const { config } = parseConfigText(guideConfig);
    expect(config).not.toBeNull();
    if (!config) return;
    expect(formatConfigSummary("/home/user/.config/mycelium/config.yaml", config)).toBe(
      [
        "✓ Configuration valid: /home/user/.config/mycelium/config.yaml",
        "Configuration Summary:",
        "  Project: temporal-deployment",
        "  Schema Version: 1.0",
        "  Deployment: docker-compose",
        "  Enabled Services: postgres (port 5432), temporal (UI: 8080, gRPC: 7233)",
      ].join("\n"),
    );
  });

  it("lists redis first when enabled and drops the UI when it is off", () => {
    const config = configSchema.parse({
      services: { redis: { enabled: true }, temporal: { ui_enabled: false, frontend_port: 7300 } },
    });
    expect(formatConfigSummary("c.yaml", config).split("\n")[5]).toBe(
      "  Enabled Services: redis (port 6379), postgres (port 5432), temporal (gRPC: 7300)",
    );
  });
});

describe("formatFindings", () => {
  const findings: Finding[] = [
    {
      severity: "warning",
      code: "bind-address-exposed",
      path: "deployment.bind_address",
      message: "exposed",
      fix: "use 127.0.0.1",
      line: 3,
      column: 17,
    },
    {
      severity: "error",
      code: "wrong-type",
      path: "services.postgres.port",
      message: "port must be a number",
      fix: "write 5432 without quotes",
      line: 12,
      column: 11,
    },
    { severity: "error", code: "config-not-utf8", path: "", message: "not UTF-8", fix: "save as UTF-8" },
  ];

  it("prints errors first, each with its fix, then a count", () => {
    expect(formatFindings(findings, "config.yaml")).toBe(
      [
        "config.yaml:12:11: error: port must be a number",
        "  fix: write 5432 without quotes",
        "config.yaml: error: not UTF-8",
        "  fix: save as UTF-8",
        "config.yaml:3:17: warning: exposed",
        "  fix: use 127.0.0.1",
        "2 errors, 1 warning",
      ].join("\n"),
    );
  });

  it("counts zero findings", () => {
    expect(formatFindings([], "config.yaml")).toBe("0 errors, 0 warnings");
  });
});
