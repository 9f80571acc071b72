import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Finding } from "./findings";
import { decodeConfigBytes, MAX_CONFIG_BYTES, parseConfigText } from "./parse-config";

const guideConfig = readFileSync(new URL("./fixtures/guide-step1-config.yaml", import.meta.url), "utf8");

function onlyFinding(text: string): Finding {
  const { findings } = parseConfigText(text);
  expect(findings).toHaveLength(1);
  return findings[0] as Finding;
}

function findingAt(text: string, path: string): Finding {
  const { config, findings } = parseConfigText(text);
  const finding = findings.find((candidate) => candidate.path === path);
  expect(finding, `no finding for ${path}: ${JSON.stringify(findings)}`).toBeDefined();
  if (finding?.severity === "error") expect(config).toBeNull();
  return finding as Finding;
}

describe("parseConfigText: the guide's Step 1 config", () => {
  it("is accepted verbatim, defaults filled in; its max_connections: 100 is only warned about", () => {
    const { config, findings, document } = parseConfigText(guideConfig);
    // Temporal may open up to 120 connections under load (compat.ts TEMPORAL_CONNECTIONS).
    expect(findings.map((f) => [f.severity, f.code, f.line])).toEqual([["warning", "postgres-connections-tight", 18]]);
    expect(document).not.toBeNull();
    expect(config).toMatchObject({
      version: "1.0",
      project_name: "temporal-deployment",
      deployment: { method: "docker-compose", auto_start: true, healthcheck_timeout: 90, bind_address: "127.0.0.1" },
      services: {
        redis: { enabled: false },
        postgres: {
          enabled: true,
          version: "15.3",
          port: 5432,
          database: "temporal",
          user: "postgres",
          max_connections: 100,
          custom_config: { shared_buffers: "256MB", effective_cache_size: "1GB", max_wal_size: "1GB" },
        },
        temporal: { enabled: true, version: "1.22.0", ui_port: 8080, frontend_port: 7233, namespace: "default" },
      },
    });
  });
});

describe("parseConfigText: text that is not a usable YAML document", () => {
  it("reports malformed YAML with its line and column", () => {
    const finding = onlyFinding('services:\n  postgres:\n    version: "15.3\n');
    expect(finding).toMatchObject({ severity: "error", code: "yaml-syntax", line: 4 });
    expect(finding.message).toContain("line 4");
  });

  it("refuses an empty file and one with only comments", () => {
    for (const text of ["", "\n  \n", "# nothing here yet\n"]) {
      const { config, findings } = parseConfigText(text);
      expect(config).toBeNull();
      expect(findings).toHaveLength(1);
      expect(findings[0]).toMatchObject({ code: "config-empty", line: 1, column: 1 });
      expect(findings[0]?.message).toMatch(/^the file is empty/);
      expect(findings[0]?.fix).toContain("mycelium config init");
    }
  });

  it("refuses a top level that is a list or a single value", () => {
    expect(onlyFinding("- postgres\n- temporal\n")).toMatchObject({ code: "config-not-a-mapping", line: 1 });
    expect(onlyFinding("just some words\n").message).toContain('a single value ("just some words")');
  });

  it("refuses an alias bomb without expanding it", () => {
    const lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'];
    for (let level = 1; level <= 9; level++) {
      lines.push(`a${level}: &a${level} [${Array.from({ length: 9 }, () => `*a${level - 1}`).join(", ")}]`);
    }
    const { config, findings } = parseConfigText(lines.join("\n"));
    expect(config).toBeNull();
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ code: "yaml-alias-bomb", line: 2 });
    expect(findings[0]?.message).toContain("billion laughs");
  });

  it("still accepts a few ordinary anchors, aliases and merge keys", () => {
    const text = [
      'version: "1.0"',
      "x-limits: &limits {memory: 1g}",
      "services:",
      "  postgres:",
      "    resources: *limits",
      "  temporal:",
      "    resources:",
      "      <<: *limits",
      "      cpus: 2",
    ].join("\n");
    const { findings } = parseConfigText(text);
    // x-limits is not a config key; everything else resolved.
    expect(findings.map((finding) => finding.path)).toEqual(["x-limits"]);
  });

  it("reports an alias whose anchor is missing", () => {
    expect(onlyFinding("services:\n  postgres:\n    resources: *nowhere\n")).toMatchObject({
      code: "yaml-alias-unresolved",
      line: 3,
      column: 16,
    });
  });

  it("refuses texts over MAX_CONFIG_BYTES before parsing them", () => {
    const fiveMiB = `project_name: x\n${"# padding\n".repeat((5 * 1024 * 1024) / 10)}`;
    const result = parseConfigText(fiveMiB);
    expect(result.document).toBeNull();
    expect(result.findings).toEqual([expect.objectContaining({ code: "config-too-large", severity: "error" })]);
    // Multi-byte characters count as the bytes they take on disk.
    const justOver = "é".repeat(MAX_CONFIG_BYTES / 2 + 1);
    expect(parseConfigText(justOver).findings[0]?.code).toBe("config-too-large");
  });

  it("refuses absurdly deep nesting before parsing", () => {
    const deep = `project_name: ${"[".repeat(1000)}${"]".repeat(1000)}`;
    expect(parseConfigText(deep)).toMatchObject({ config: null, document: null });
    expect(parseConfigText(deep).findings[0]?.code).toBe("config-too-complex");
  });

  it("explains tabs used for indentation", () => {
    const finding = onlyFinding("services:\n  postgres:\n\tport: 5432\n");
    expect(finding).toMatchObject({ code: "yaml-tab-indent", line: 3, column: 1 });
    expect(finding.message).toBe("line 3 is indented with a tab: YAML forbids tabs for indentation");
  });

  it("accepts and strips a leading byte-order mark, keeping columns right", () => {
    const { config, findings } = parseConfigText(
      `\uFEFFproject_name: demo\nservices:\n  postgres:\n    port: "5432"\n`,
    );
    expect(config).toBeNull();
    expect(findings).toEqual([expect.objectContaining({ path: "services.postgres.port", line: 4, column: 11 })]);
    expect(parseConfigText(`\uFEFF${guideConfig}`).findings).toEqual([
      expect.objectContaining({ code: "postgres-connections-tight", line: 18, column: 22 }),
    ]);
  });

  it("names a duplicate key and both of its lines", () => {
    const finding = onlyFinding("services:\n  postgres:\n    port: 5432\n    enabled: true\n    port: 5433\n");
    expect(finding).toMatchObject({ code: "yaml-duplicate-key", path: "services.postgres.port", line: 5 });
    expect(finding.message).toBe(
      "key `port` appears twice in services.postgres (line 3 and line 5): YAML keys must be unique",
    );
  });
});

describe("parseConfigText: schema findings", () => {
  it("says a port written as a string must be a number", () => {
    const finding = findingAt('services:\n  postgres:\n    port: "5432"\n', "services.postgres.port");
    expect(finding).toMatchObject({
      code: "wrong-type",
      message: 'services.postgres.port must be a number, not the string "5432"',
      fix: "write 5432 without quotes",
      line: 3,
      column: 11,
    });
  });

  it.each([
    [0, "services.postgres.port must be between 1 and 65535, not 0"],
    [70000, "services.postgres.port must be between 1 and 65535, not 70000"],
    [-5, "services.postgres.port must be between 1 and 65535, not -5"],
  ])("gives the allowed range for port %s", (port, message) => {
    const finding = findingAt(`services:\n  postgres:\n    port: ${port}\n`, "services.postgres.port");
    expect(finding).toMatchObject({ code: "out-of-range", message });
    expect(finding.fix).toBe("choose a value between 1 and 65535 (the default is 5432)");
  });

  it("points at the bad value of a nested field", () => {
    const text = ['version: "1.0"', "services:", "  temporal:", "    enabled: true", "    ui_port: 99999"].join("\n");
    expect(findingAt(text, "services.temporal.ui_port")).toMatchObject({ line: 5, column: 14 });
  });

  it("suggests the intended key for an unknown one, pointing at the key", () => {
    const finding = findingAt("services:\n  postgres:\n    prot: 5432\n", "services.postgres.prot");
    expect(finding).toMatchObject({ code: "unknown-key", line: 3, column: 5, fix: "rename `prot` to `port`" });
    expect(finding.message).toContain("did you mean `port`?");
  });

  it("lists the accepted keys when no suggestion fits", () => {
    const finding = findingAt("deployment:\n  kubernetes: true\n", "deployment.kubernetes");
    expect(finding.fix).toBe("remove it; deployment accepts: method, auto_start, healthcheck_timeout, bind_address");
  });

  it("redirects a PostgreSQL setting written one level too high", () => {
    const finding = findingAt(
      "services:\n  postgres:\n    shared_buffers: 256MB\n",
      "services.postgres.shared_buffers",
    );
    expect(finding.fix).toBe("move it under services.postgres.custom_config");
  });

  it("asks for quotes around a version YAML read as a number", () => {
    const finding = findingAt("services:\n  postgres:\n    version: 15.10\n", "services.postgres.version");
    expect(finding).toMatchObject({
      code: "unquoted-version",
      message: "services.postgres.version must be a quoted string: unquoted, YAML read 15.10 as the number 15.1",
      fix: 'write version: "15.10"',
    });
    const plain = findingAt("services:\n  temporal:\n    version: 15.3\n", "services.temporal.version");
    expect(plain.message).toContain("15.10 would become 15.1");
    expect(findingAt("version: 1.0\n", "version")).toMatchObject({
      code: "unquoted-version",
      fix: 'write version: "1.0"',
    });
  });

  it("refuses a project_name that could escape a directory, and returns no config", () => {
    const result = parseConfigText('version: "1.0"\nproject_name: ../../etc\n');
    expect(result.config).toBeNull();
    expect(result.findings).toHaveLength(1);
    expect(result.findings[0]).toMatchObject({
      code: "invalid-value",
      path: "project_name",
      message:
        "project_name must be 1–63 characters of a–z, 0–9 and '-', " +
        'starting with a letter or digit, not the string "../../etc"',
      fix: 'use a name such as "etc"',
    });
  });

  it("explains yes/no, which YAML 1.2 reads as text", () => {
    expect(findingAt("services:\n  redis:\n    enabled: yes\n", "services.redis.enabled").fix).toBe(
      "write true (YAML 1.2 reads yes/no/on/off as text)",
    );
  });

  it("says when a section has nothing under it", () => {
    expect(findingAt("services:\n  redis:\n", "services.redis")).toMatchObject({
      code: "empty-value",
      line: 2,
      column: 3,
    });
  });

  it("describes a custom_config value that is a list", () => {
    const finding = findingAt(
      "services:\n  postgres:\n    custom_config:\n      shared_buffers: [1, 2]\n",
      "services.postgres.custom_config.shared_buffers",
    );
    expect(finding.message).toBe(
      "services.postgres.custom_config.shared_buffers must be text, a number or true/false, not a list",
    );
  });
});

describe("parseConfigText: semantic findings get positions", () => {
  it("locates a port conflict on the second service", () => {
    const text = ["services:", "  postgres:", "    port: 7233", "  temporal:", "    frontend_port: 7233"].join("\n");
    expect(findingAt(text, "services.temporal.frontend_port")).toMatchObject({
      code: "port-conflict",
      line: 5,
      column: 20,
    });
  });

  it("keeps the config when there are only warnings", () => {
    const { config, findings } = parseConfigText("deployment:\n  bind_address: 0.0.0.0\n");
    expect(findings.map((finding) => finding.code)).toEqual(["bind-address-exposed"]);
    expect(config?.deployment.bind_address).toBe("0.0.0.0");
  });

  it("falls back to the enclosing section for a default that causes an error", () => {
    // PostgreSQL takes the UI's default port 8080 and ui_port is not written: point at `temporal:`.
    const text = 'services:\n  postgres:\n    port: 8080\n  temporal:\n    version: "1.22.0"\n';
    expect(findingAt(text, "services.temporal.ui_port")).toMatchObject({ code: "port-conflict", line: 4, column: 3 });
  });

  it("passes the deployed config to the semantic checks", () => {
    const deployed = parseConfigText(guideConfig).config;
    expect(deployed).not.toBeNull();
    const changed = "services:\n  temporal:\n    history_shards: 512\n";
    const { findings } = parseConfigText(changed, { deployed: deployed ?? undefined });
    expect(findings).toEqual([expect.objectContaining({ code: "history-shards-fixed", line: 3, column: 21 })]);
  });
});

describe("decodeConfigBytes", () => {
  it("decodes UTF-8 and drops a byte-order mark", () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode("project_name: café\n")]);
    expect(decodeConfigBytes(bytes)).toEqual({ text: "project_name: café\n" });
  });

  it("turns invalid UTF-8 into a finding with its position", () => {
    // "namespace: caf\xE9" saved as Latin-1 on line 2.
    const bytes = new Uint8Array([...new TextEncoder().encode('version: "1.0"\nnamespace: caf'), 0xe9, 0x0a]);
    const result = decodeConfigBytes(bytes);
    expect(result).toEqual({
      finding: expect.objectContaining({ code: "config-not-utf8", severity: "error", line: 2, column: 15 }),
    });
    expect("finding" in result && result.finding.message).toContain("byte 0xE9 on line 2");
  });

  it("recognises UTF-16 and oversized input", () => {
    const utf16 = decodeConfigBytes(new Uint8Array([0xff, 0xfe, 0x76, 0x00]));
    expect("finding" in utf16 && utf16.finding.message).toContain("UTF-16");
    const huge = decodeConfigBytes(new Uint8Array(MAX_CONFIG_BYTES + 1));
    expect("finding" in huge && huge.finding.code).toBe("config-too-large");
  });
});

describe("decodeConfigBytes: where the bad byte is", () => {
  const offsetOf = (bytes: number[]) => {
    const result = decodeConfigBytes(new Uint8Array(bytes));
    return "finding" in result ? result.finding.column : null;
  };

  it("points at a stray continuation byte, a broken sequence and a truncated end", () => {
    expect(offsetOf([0x61, 0x80, 0x62])).toBe(2);
    expect(offsetOf([0x61, 0x62, 0xe2, 0x82, 0x41])).toBe(3);
    expect(offsetOf([0x61, 0xf0, 0x9f, 0x98])).toBe(2);
  });
});

describe("parseConfigText: a huge value is quoted briefly", () => {
  it("names a 1 MB project_name by a short prefix and its length, in the message and the fix", () => {
    const guideConfig = readFileSync(new URL("./fixtures/guide-step1-config.yaml", import.meta.url), "utf8");
    const huge = "A".repeat(1_000_000);
    const { findings } = parseConfigText(guideConfig.replace(/^project_name:.*$/m, `project_name: "${huge}"`));
    expect(findings.map((f) => f.path)).toContain("project_name");
    for (const finding of findings) expect(`${finding.message} ${finding.fix}`.length).toBeLessThan(400);
    expect(findings.map((f) => f.message).join("\n")).toContain("(1000000 characters)");
  });
});
