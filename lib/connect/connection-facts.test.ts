import { describe, expect, it } from "vitest";
import { configSchema } from "../config/schema";
import { connectionFacts, postgresUrl } from "./connection-facts";
import { LOCAL_ADDRESSES } from "../stack/engine-target";

const config = (input: object = {}) => configSchema.parse({ project_name: "demo", ...input });

describe("connectionFacts", () => {
  it("says where this machine reaches the stack, with the password masked", () => {
    const facts = connectionFacts(
      config(),
      { POSTGRES_USER: "temporal", POSTGRES_PASSWORD: "s3cr3t/pw" },
      "/h/t.toml",
      LOCAL_ADDRESSES,
    );
    expect(facts.temporal).toEqual({ address: "127.0.0.1:7233", namespace: "default" });
    expect(facts.ui).toEqual({
      enabled: true,
      url: "http://127.0.0.1:8080",
      workflowsUrl: "http://127.0.0.1:8080/namespaces/default/workflows",
    });
    expect(facts.exports).toBe("export TEMPORAL_ADDRESS='127.0.0.1:7233'\nexport TEMPORAL_NAMESPACE='default'");
    expect(facts.postgres).toEqual({
      maskedUrl: "postgresql://temporal:****@127.0.0.1:5432/temporal",
      passwordSet: true,
      reused: false,
    });
    expect(JSON.stringify(facts)).not.toContain("s3cr3t");
    expect(facts.profile).toEqual({ name: "demo", path: "/h/t.toml" });
    expect(facts.snippets.map((s) => s.language)).toEqual(["typescript", "go", "python", "java"]);
  });

  it("follows the bind address and ports, and says when the UI or Temporal is off", () => {
    const facts = connectionFacts(
      config({
        deployment: { bind_address: "::" },
        services: { temporal: { frontend_port: 17233, ui_port: 18080, namespace: "orders.dev" } },
      }),
      null,
      null,
      LOCAL_ADDRESSES,
    );
    expect(facts.temporal).toEqual({ address: "[::1]:17233", namespace: "orders.dev" });
    expect(facts.ui).toMatchObject({ workflowsUrl: "http://[::1]:18080/namespaces/orders.dev/workflows" });
    const postgres = { maskedUrl: "postgresql://postgres@[::1]:5432/temporal", passwordSet: false };
    expect(facts.postgres).toMatchObject(postgres);
    const noUi = connectionFacts(
      config({ services: { temporal: { ui_enabled: false } } }),
      null,
      null,
      LOCAL_ADDRESSES,
    );
    expect(noUi.ui).toEqual({ enabled: false, reason: "UI disabled in config" });
    const off = connectionFacts(config({ services: { temporal: { enabled: false } } }), null, null, LOCAL_ADDRESSES);
    expect(off.temporal).toBeNull();
    expect(off.exports).toBe("");
  });

  it("encodes the password when it is revealed", () => {
    const address = { postgresUser: "u", postgresHost: "127.0.0.1", postgresPort: 5432, postgresDatabase: "t" };
    const url = postgresUrl(address, "a@b:c/d");
    expect(url).toBe("postgresql://u:a%40b%3Ac%2Fd@127.0.0.1:5432/t");
    expect(new URL(url).password).toBe("a%40b%3Ac%2Fd");
  });
});
