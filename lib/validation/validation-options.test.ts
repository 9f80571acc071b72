import { describe, expect, it } from "vitest";
import { configSchema } from "../config/schema";
import { resolveValidationOptions } from "./validation-options";
import { LOCAL_ADDRESSES } from "../stack/engine-target";

const env = {
  POSTGRES_USER: "temporal_admin",
  POSTGRES_PASSWORD: "s3cret-generated-password",
  POSTGRES_DB: "temporal",
};

describe("resolveValidationOptions", () => {
  it("logs in to a reused server on this machine with its own password, and expects no PostgreSQL container", () => {
    const config = configSchema.parse({
      deployment: { bind_address: "0.0.0.0" },
      services: { postgres: { port: 5499, user: "their_user", reuse_existing: true } },
    });
    const options = resolveValidationOptions(
      config,
      { ...env, POSTGRES_USER: "their_user", REUSED_POSTGRES_PASSWORD: "their-password" },
      LOCAL_ADDRESSES,
    );
    expect(options).toMatchObject({
      postgresHost: "127.0.0.1",
      postgresPort: 5499,
      postgresUser: "their_user",
      postgresPassword: "their-password",
      postgresReused: true,
    });
    expect(resolveValidationOptions(configSchema.parse({}), env, LOCAL_ADDRESSES).postgresReused).toBe(false);
  });

  it("reads ports from the config and credentials from the deployment's .env", () => {
    const config = configSchema.parse({
      services: {
        postgres: { port: 5433, database: "wf" },
        temporal: { frontend_port: 7300, ui_port: 8181, namespace: "prod" },
      },
    });
    expect(resolveValidationOptions(config, env, LOCAL_ADDRESSES)).toMatchObject({
      project: "temporal-deployment",
      postgresHost: "127.0.0.1",
      postgresPort: 5433,
      postgresDatabase: "wf",
      postgresVisibilityDatabase: "wf_visibility",
      postgresUser: "temporal_admin",
      postgresPassword: "s3cret-generated-password",
      temporalHost: "127.0.0.1",
      temporalPort: 7300,
      temporalUiPort: 8181,
      temporalNamespace: "prod",
      temporalVersion: "1.22.0",
      dbPlugin: "postgres12",
      redisPort: null,
      checkTimeoutMs: 2000,
      tcpTimeoutMs: 500,
      mode: "concurrent",
    });
  });

  it("falls back to the config's user and no password before a first deploy", () => {
    const options = resolveValidationOptions(configSchema.parse({}), null, LOCAL_ADDRESSES);
    expect(options.postgresUser).toBe("postgres");
    expect(options.postgresPassword).toBe("");
  });

  it("uses the configured plugin, the UI and Redis switches, and loopback for a wildcard bind", () => {
    const config = configSchema.parse({
      deployment: { bind_address: "0.0.0.0" },
      services: { redis: { enabled: true, port: 6380 }, postgres: { version: "11" }, temporal: { ui_enabled: false } },
    });
    const options = resolveValidationOptions(config, env, LOCAL_ADDRESSES);
    expect(options.postgresHost).toBe("127.0.0.1");
    expect(options.dbPlugin).toBe("postgresql");
    expect(options.temporalUiPort).toBeNull();
    expect(options.redisPort).toBe(6380);
    expect(
      resolveValidationOptions(
        configSchema.parse({ services: { temporal: { db_plugin: "postgres" } } }),
        env,
        LOCAL_ADDRESSES,
      ).dbPlugin,
    ).toBe("postgres");
  });

  it("lets the caller override any option; a new main database moves the visibility one with it", () => {
    const options = resolveValidationOptions(configSchema.parse({}), env, LOCAL_ADDRESSES, {
      postgresPort: 15432,
      postgresDatabase: "other",
      postgresPassword: undefined,
    });
    expect(options.postgresPort).toBe(15432);
    expect(options.postgresVisibilityDatabase).toBe("other_visibility");
    expect(options.postgresPassword).toBe("s3cret-generated-password");
  });
});
