import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { parseConfigText } from "../config/parse-config";
import type { MyceliumConfig } from "../config/schema";
import { planDeployment } from "../plan/deployment-plan";
import { namespaceRetentionEnv } from "../stack/stack-settings";
import { renderComposeFile, renderEnvFile, parseEnvFile } from "./render-compose-file";
import { renderDynamicConfigYaml } from "./render-dynamic-config";

function guideConfig(): MyceliumConfig {
  const { config } = parseConfigText(
    readFileSync(new URL("../config/fixtures/guide-step1-config.yaml", import.meta.url), "utf8"),
  );
  if (!config) throw new Error("guide example must parse");
  return config;
}

function planFor(config: MyceliumConfig) {
  return planDeployment({
    config,
    environment: { ports: new Map(), containers: [] },
    existingSecrets: null,
    generatePassword: () => "GeneratedPassword0123456789abcdef",
  });
}

interface ComposeDoc {
  version: string;
  services: Record<
    string,
    {
      image: string;
      container_name: string;
      command?: string[];
      environment: Record<string, string>;
      ports: string[];
      volumes?: string[];
      healthcheck: { test: string[]; retries: number };
      depends_on?: Record<string, { condition: string }>;
    }
  >;
  volumes: Record<string, unknown>;
}

describe("renderComposeFile for the guide's config", () => {
  const plan = planFor(guideConfig());
  const text = renderComposeFile(plan.composeProject);
  const doc = parse(text) as ComposeDoc;

  it("matches the reviewed snapshot", async () => {
    await expect(text).toMatchFileSnapshot("__snapshots__/guide-example.docker-compose.yml");
  });

  it("uses the real images and container names", () => {
    expect(doc.services.postgres?.image).toBe("postgres:15.3");
    expect(doc.services.temporal?.image).toBe("temporalio/auto-setup:1.22.0");
    expect(doc.services["temporal-ui"]?.image).toBe("temporalio/ui:2.17.1");
    expect(doc.services.temporal?.container_name).toBe("temporal-deployment-temporal");
  });

  it("sets what auto-setup needs for PostgreSQL", () => {
    const env = doc.services.temporal!.environment;
    expect(env.DB_PORT).toBe("5432");
    expect(env.POSTGRES_SEEDS).toBe("postgres");
    expect(env.DB).toBe("postgres12");
    expect(env.DEFAULT_NAMESPACE).toBe("default");
    expect(env.POSTGRES_PWD).toBe("${POSTGRES_PASSWORD}");
    expect(env.DYNAMIC_CONFIG_FILE_PATH).toBe("config/dynamicconfig/development-sql.yaml");
    expect(doc.services.temporal!.volumes).toEqual(["./config/dynamicconfig:/etc/temporal/config/dynamicconfig:ro"]);
  });

  it("gates Temporal on a healthy PostgreSQL and checks health correctly", () => {
    expect(doc.services.temporal!.depends_on).toEqual({ postgres: { condition: "service_healthy" } });
    const temporalCheck = doc.services.temporal!.healthcheck.test[1]!;
    expect(temporalCheck).toContain('--address "$$(hostname -i):7233"');
    expect(temporalCheck).toContain("grep -qE '(^|: )SERVING$$'");
    const pgCheck = doc.services.postgres!.healthcheck.test[1]!;
    expect(pgCheck).toMatch(/^pg_isready -h 127\.0\.0\.1 -p 5432/);
    expect(pgCheck).toContain("$$POSTGRES_USER");
    expect(doc.services["temporal-ui"]!.healthcheck.test[1]).toContain("/healthz");
  });

  it("passes max_connections and custom_config as -c flags", () => {
    expect(doc.services.postgres!.command).toEqual([
      "postgres",
      "-c",
      "effective_cache_size=1GB",
      "-c",
      "max_connections=100",
      "-c",
      "max_wal_size=1GB",
      "-c",
      "shared_buffers=256MB",
    ]);
  });

  it("publishes on 127.0.0.1 and keeps data in a named volume", () => {
    expect(doc.services.postgres!.ports).toEqual(["127.0.0.1:5432:5432"]);
    expect(doc.services.temporal!.ports).toEqual(["127.0.0.1:7233:7233"]);
    expect(doc.services["temporal-ui"]!.ports).toEqual(["127.0.0.1:8080:8080"]);
    expect(doc.services.postgres!.volumes).toEqual(["postgres-data:/var/lib/postgresql/data"]);
    expect(Object.keys(doc.volumes)).toEqual(["postgres-data"]);
  });

  it("never writes the password into the compose file", () => {
    expect(text).not.toContain("GeneratedPassword0123456789abcdef");
  });
});

describe("renderComposeFile for a reused PostgreSQL", () => {
  const config = guideConfig();
  config.services.postgres.reuse_existing = true;
  const plan = planDeployment({
    config,
    environment: {
      ports: new Map([
        [5432, { port: 5432, protocol: "postgres", container: null, description: "a PostgreSQL server" }],
      ]),
      containers: [],
    },
    existingSecrets: { REUSED_POSTGRES_PASSWORD: "TheirPassword0123" },
    generatePassword: () => "GeneratedPassword0123456789abcdef",
  });
  const text = renderComposeFile(plan.composeProject);
  const doc = parse(text) as ComposeDoc & { services: Record<string, { extra_hosts?: string[] }> };

  it("runs no PostgreSQL and reaches the server on its host port through host-gateway", () => {
    expect(Object.keys(doc.services)).toEqual(["temporal", "temporal-ui"]);
    expect(doc.volumes).toBeUndefined();
    const temporal = doc.services.temporal!;
    expect(temporal.extra_hosts).toEqual(["host.docker.internal:host-gateway"]);
    expect(temporal.environment).toMatchObject({
      POSTGRES_SEEDS: "host.docker.internal",
      DB_PORT: "5432",
      POSTGRES_PWD: "${REUSED_POSTGRES_PASSWORD}",
    });
    expect(temporal.depends_on).toBeUndefined();
    expect(text).not.toContain("TheirPassword0123");
  });
});

describe("env file", () => {
  it("round-trips the secrets", () => {
    const text = renderEnvFile("demo", { POSTGRES_PASSWORD: "abc", POSTGRES_USER: "postgres" });
    expect(parseEnvFile(text)).toEqual({
      COMPOSE_PROJECT_NAME: "demo",
      POSTGRES_PASSWORD: "abc",
      POSTGRES_USER: "postgres",
    });
  });
});

describe("renderDynamicConfigYaml", () => {
  it("writes each entry as a list of {value, constraints} and keeps the base entries", () => {
    const doc = parse(
      renderDynamicConfigYaml({
        "frontend.rps": 2400,
        "limit.maxIDLength": [{ value: 500, constraints: { namespace: "a" } }],
      }),
    );
    expect(doc["frontend.rps"]).toEqual([{ value: 2400, constraints: {} }]);
    expect(doc["limit.maxIDLength"]).toEqual([{ value: 500, constraints: { namespace: "a" } }]);
    expect(doc["system.forceSearchAttributesCacheRefreshOnRead"]).toEqual([{ value: true, constraints: {} }]);
  });
});

describe("namespaceRetentionEnv", () => {
  it("writes days as hours, which every temporal CLI reads (v0.12 refuses a bare number)", () => {
    expect(namespaceRetentionEnv("3d")).toBe("72h");
    expect(namespaceRetentionEnv("1d")).toBe("24h");
    expect(namespaceRetentionEnv("36h")).toBe("36h");
  });
});

describe("renderComposeFile for a current release (1.32.2): the server with its admin-tools jobs", () => {
  const guide = guideConfig();
  const config: MyceliumConfig = {
    ...guide,
    services: {
      ...guide.services,
      temporal: {
        ...guide.services.temporal,
        version: "1.32.2",
        ui_version: "2.54.1",
        dynamic_config: { "frontend.rps": 2400 },
      },
    },
  };
  const plan = planFor(config);
  const text = renderComposeFile(plan.composeProject);
  const doc = parse(text) as ComposeDoc & { services: Record<string, { restart: string; user?: string }> };

  it("matches the reviewed snapshot", async () => {
    await expect(text).toMatchFileSnapshot("__snapshots__/current-release.docker-compose.yml");
  });

  it("runs schema and dynamic-config jobs before the server, and the namespace job after it", () => {
    expect(Object.keys(doc.services)).toEqual([
      "postgres",
      "temporal-schema",
      "temporal-config",
      "temporal",
      "temporal-namespace",
      "temporal-ui",
    ]);
    expect(doc.services["temporal-schema"]!.depends_on).toEqual({ postgres: { condition: "service_healthy" } });
    expect(doc.services.temporal!.depends_on).toEqual({
      postgres: { condition: "service_healthy" },
      "temporal-schema": { condition: "service_completed_successfully" },
      "temporal-config": { condition: "service_completed_successfully" },
    });
    expect(doc.services["temporal-namespace"]!.depends_on).toEqual({ temporal: { condition: "service_healthy" } });
    for (const job of ["temporal-schema", "temporal-config", "temporal-namespace"]) {
      expect(doc.services[job]).toMatchObject({ image: "temporalio/admin-tools:1.32.2", restart: "no" });
      expect(doc.services[job]).not.toHaveProperty("healthcheck");
    }
  });

  it("starts the slim server from its environment, with no file from this machine", () => {
    const temporal = doc.services.temporal!;
    expect(temporal.image).toBe("temporalio/server:1.32.2");
    expect(temporal.environment).toMatchObject({
      DB: "postgres12",
      DB_PORT: "5432",
      POSTGRES_SEEDS: "postgres",
      BIND_ON_IP: "0.0.0.0",
    });
    expect(temporal.environment.DYNAMIC_CONFIG_FILE_PATH).toBe(
      "/etc/temporal/config/dynamicconfig/development-sql.yaml",
    );
    // The image has no CLI, bash or curl: a TCP check on the address BIND_ON_IP opens.
    expect(temporal.healthcheck.test).toEqual(["CMD", "nc", "-z", "127.0.0.1", "7233"]);
    // Only named volumes: nothing is bind-mounted from the deployment folder, so another engine can run it.
    const mounts = Object.values(doc.services).flatMap((service) => service.volumes ?? []);
    expect(mounts.every((mount) => !mount.startsWith("."))).toBe(true);
    expect(temporal.volumes).toEqual(["temporal-dynamic-config:/etc/temporal/config/dynamicconfig:ro"]);
    expect(plan.composeProject.files).toEqual([]);
  });

  it("writes the dynamic config from the compose file itself, into the volume the server reads", () => {
    const job = doc.services["temporal-config"]!;
    expect(job.environment.DYNAMIC_CONFIG).toBe(renderDynamicConfigYaml({ "frontend.rps": 2400 }));
    expect(job.volumes).toEqual(["temporal-dynamic-config:/etc/temporal/config/dynamicconfig"]);
    expect(job.user).toBe("0");
  });

  it("gives the sql tool and the namespace job their settings as environment, never inside the script", () => {
    expect(doc.services["temporal-schema"]!.environment).toEqual({
      SQL_PLUGIN: "postgres12",
      SQL_HOST: "postgres",
      SQL_PORT: "5432",
      SQL_USER: "${POSTGRES_USER}",
      SQL_PASSWORD: "${POSTGRES_PASSWORD}",
      DBNAME: "temporal",
      VISIBILITY_DBNAME: "temporal_visibility",
    });
    expect(doc.services["temporal-namespace"]!.environment).toEqual({
      TEMPORAL_ADDRESS: "temporal:7233",
      NAMESPACE: "default",
      RETENTION: "24h",
    });
    expect(text).not.toContain("GeneratedPassword");
  });
});
