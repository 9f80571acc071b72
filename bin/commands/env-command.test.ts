import { execFileSync } from "node:child_process";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { configSchema } from "../../lib/config/schema";
import { connectionFacts } from "../../lib/connect/connection-facts";
import { formatEnv, runEnvCommand } from "./env-command";
import { connectEngine, LOCAL_ADDRESSES } from "../../lib/stack/engine-target";
import type { ProjectContext } from "../../lib/stack/project-context";

const config = configSchema.parse({ project_name: "demo" });
const facts = connectionFacts(config, { POSTGRES_PASSWORD: "pw-secret" }, "/h/t.toml", LOCAL_ADDRESSES);

describe("formatEnv", () => {
  it("is shell input: comments for people, exports for eval, no password", () => {
    const text = formatEnv(facts, null);
    expect(text).toContain("#   frontend     127.0.0.1:7233");
    expect(text).toContain("#   Temporal UI  http://127.0.0.1:8080/namespaces/default/workflows");
    expect(text).toContain("postgresql://postgres:****@127.0.0.1:5432/temporal");
    expect(text).not.toContain("pw-secret");
    const script = `${text}\nprintf '%s|%s' "$TEMPORAL_ADDRESS" "$TEMPORAL_NAMESPACE"`;
    expect(execFileSync("sh", ["-c", script], { encoding: "utf8" })).toBe("127.0.0.1:7233|default");
  });

  it("names the written profile and selects it", () => {
    const text = formatEnv(facts, { path: "/h/t.toml", profile: "demo", outcome: "created" });
    expect(text).toContain("# Profile demo created in /h/t.toml");
    expect(text.split("\n").at(-1)).toBe("export TEMPORAL_PROFILE='demo'");
  });
});

describe("mycelium env against a real config and deployment", () => {
  let home: string;
  let context: ProjectContext;
  let printed: string[];
  let tomlFile: string;
  beforeEach(async () => {
    home = await fs.mkdtemp(path.join(os.tmpdir(), "mycelium-env-"));
    const configFile = path.join(home, "config.yaml");
    const yaml = 'version: "1.0"\nproject_name: envtest\nservices:\n  temporal:\n    frontend_port: 17233\n';
    await fs.writeFile(configFile, yaml);
    const deployment = path.join(home, "data", "mycelium", "deployments", "envtest");
    await fs.mkdir(deployment, { recursive: true });
    await fs.writeFile(path.join(deployment, ".env"), "POSTGRES_USER=postgres\nPOSTGRES_PASSWORD=pw-in-dotenv\n");
    tomlFile = path.join(home, "temporal", "temporal.toml");
    const paths = {
      configPath: configFile,
      deploymentsRoot: path.join(home, "data", "mycelium", "deployments"),
      stateDirectory: path.join(home, "state"),
    };
    // The facts come from files: the engine is never called.
    context = { paths, engine: connectEngine({ kind: "unix", socketPath: "/nonexistent" }) };
    vi.stubEnv("TEMPORAL_CONFIG_FILE", tomlFile);
    printed = [];
    vi.spyOn(console, "log").mockImplementation((text: string) => void printed.push(text));
  });
  afterEach(async () => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
    await fs.rm(home, { recursive: true, force: true });
  });

  it("--profile writes the profile beside the others and prints it, never the password", async () => {
    await fs.mkdir(path.dirname(tomlFile));
    await fs.writeFile(tomlFile, '# mine\n[profile.default]\naddress = "x:1"\n');
    expect(await runEnvCommand(["--profile", "envtest"], context)).toBe(0);
    expect(await fs.readFile(tomlFile, "utf8")).toBe(
      '# mine\n[profile.default]\naddress = "x:1"\n\n' +
        '[profile.envtest]\naddress = "127.0.0.1:17233"\nnamespace = "default"\n',
    );
    expect(printed.join("\n")).toContain(`# Profile envtest updated in ${tomlFile}`);
    expect(await runEnvCommand(["--json"], context)).toBe(0);
    expect(JSON.parse(printed.at(-1)!)).toMatchObject({ temporal: { address: "127.0.0.1:17233" }, profileWrite: null });
    expect(printed.join("\n")).not.toContain("pw-in-dotenv");
  });

  it("leaves a malformed temporal.toml untouched and says why", async () => {
    await fs.mkdir(path.dirname(tomlFile));
    await fs.writeFile(tomlFile, "[profile.default\n");
    await expect(runEnvCommand(["--profile", "envtest"], context)).rejects.toThrow(/not valid TOML/);
    expect(await fs.readFile(tomlFile, "utf8")).toBe("[profile.default\n");
  });
});
