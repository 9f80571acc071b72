import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { configSchema } from "../../lib/config/schema";
import { connectionFacts } from "../../lib/connect/connection-facts";
import { formatEnv } from "./env-command";

const facts = connectionFacts(configSchema.parse({ project_name: "demo" }), { POSTGRES_PASSWORD: "pw-secret" }, "/h/t.toml");

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
