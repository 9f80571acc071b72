import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { configSchema, type MyceliumConfig, type MyceliumConfigInput } from "../config/schema";
import { renderHelmExport, type HelmExportOptions } from "./helm-values";
import { thrownRefusal } from "../../test/support/thrown-refusal";

/**
 * The chart keys an export may write. Transcribed from shared/reference/current-temporal.md §6
 * ("Helm chart (HC main, chart 1.6.0, appVersion 1.31.2) for an external PostgreSQL"); the
 * test at the end checks the transcription against that file when it is at hand.
 */
const SQL_KEYS = [
  "createDatabase",
  "manageSchema",
  "pluginName",
  "driverName",
  "databaseName",
  "connectAddr",
  "connectProtocol",
  "user",
  "existingSecret",
  "secretKey",
  "maxConns",
  "maxIdleConns",
  "maxConnLifetime",
];
const FACTS_SHEET_KEYS = [
  "server.image.repository",
  "server.image.tag",
  "server.config.persistence.defaultStore",
  "server.config.persistence.visibilityStore",
  "server.config.persistence.numHistoryShards",
  ...["default", "visibility"].flatMap((store) =>
    SQL_KEYS.map((key) => `server.config.persistence.datastores.${store}.sql.${key}`),
  ),
  "server.config.namespaces.create",
  "server.config.namespaces.namespace",
  "admintools.image.repository",
  "admintools.image.tag",
  "web.image.repository",
  "web.image.tag",
  "shims.dockerize",
];
/**
 * Keys the facts sheet does not list, read from temporalio/helm-charts at tag temporal-1.6.0:
 * `server.dynamicConfig` (templates/server-dynamicconfigmap.yaml, values/values.dynamic_config.yaml),
 * `server.resources` and `web.resources` (values.yaml: Kubernetes resource requirements, the
 * server's the default of its four Deployments), `web.enabled` (values.yaml).
 */
const CHART_KEYS = ["server.dynamicConfig", "server.resources", "web.resources", "web.enabled"];
const KNOWN_KEYS = new Set([...FACTS_SHEET_KEYS, ...CHART_KEYS]);
/** Values whose children are not chart keys: dynamic-config names, Kubernetes resources. */
const OPAQUE_KEYS = new Set(["server.dynamicConfig", "server.resources", "web.resources"]);

function keyPaths(value: unknown, prefix = ""): string[] {
  if (value === null || typeof value !== "object" || Array.isArray(value) || OPAQUE_KEYS.has(prefix)) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => keyPaths(child, prefix ? `${prefix}.${key}` : key));
}

const config = (input: MyceliumConfigInput = {}): MyceliumConfig => configSchema.parse(input);

const EXAMPLE: MyceliumConfigInput = {
  project_name: "orders",
  services: {
    postgres: { database: "temporal", user: "temporal_app" },
    temporal: {
      namespace: "orders",
      namespace_retention: "3d",
      history_shards: 512,
      dynamic_config: {
        "frontend.rps": 2400,
        "matching.numTaskqueueReadPartitions": [{ value: 8, constraints: { namespace: "orders" } }],
      },
      resources: { memory: "2g", cpus: 1.5 },
      ui_resources: { memory: "256m" },
    },
  },
};

const OPTIONS: HelmExportOptions = {
  postgres: { host: "postgres.example.com", port: null, user: null },
  password: "s3cret-Pa55word",
};

function exampleAt(version: string) {
  const input = structuredClone(EXAMPLE);
  input.services!.temporal!.version = version;
  return config(input);
}

describe("renderHelmExport", () => {
  // The newest release of each minor line the 1.x chart runs.
  it.each(["1.30.9", "1.31.5", "1.32.2"])("writes the golden values for Temporal %s", async (version) => {
    const result = renderHelmExport(exampleAt(version), OPTIONS);
    await expect(result.valuesYaml).toMatchFileSnapshot(`__golden__/temporal-${version}.values.yaml`);
  });

  it("writes the golden NOTES and Secret", async () => {
    const result = renderHelmExport(exampleAt("1.32.2"), OPTIONS);
    await expect(result.notes).toMatchFileSnapshot("__golden__/NOTES.txt");
    await expect(result.secret.manifest).toMatchFileSnapshot("__golden__/temporal-postgres-secret.yaml");
  });

  it("writes only keys the facts sheet or the chart's values list", () => {
    for (const version of ["1.30.9", "1.32.2"]) {
      const paths = keyPaths(parse(renderHelmExport(exampleAt(version), OPTIONS).valuesYaml));
      expect(paths.filter((key) => !KNOWN_KEYS.has(key))).toEqual([]);
    }
    const withoutUi = exampleAt("1.32.2");
    withoutUi.services.temporal.ui_enabled = false;
    expect(
      keyPaths(parse(renderHelmExport(withoutUi, OPTIONS).valuesYaml)).filter((key) => !KNOWN_KEYS.has(key)),
    ).toEqual([]);
  });

  it("keeps the password out of the values and the notes, and in the Secret", () => {
    const result = renderHelmExport(exampleAt("1.32.2"), OPTIONS);
    expect(result.valuesYaml).not.toContain(OPTIONS.password);
    expect(result.notes).not.toContain(OPTIONS.password);
    expect(keyPaths(parse(result.valuesYaml)).some((key) => key.endsWith(".password"))).toBe(false);
    expect(parse(result.secret.manifest!)).toMatchObject({
      kind: "Secret",
      stringData: { password: OPTIONS.password },
    });
  });

  it("keeps strings strings for Helm and kubectl, which read YAML 1.1", () => {
    const input = exampleAt("1.32.2");
    input.services.temporal.namespace = "yes";
    const result = renderHelmExport(input, { ...OPTIONS, password: "0755" });
    expect(parse(result.valuesYaml, { version: "1.1" }).server.config.namespaces.namespace[0].name).toBe("yes");
    expect(parse(result.secret.manifest!, { version: "1.1" }).stringData.password).toBe("0755");
  });

  it("writes no Secret without a password, and tells how to create one", () => {
    const result = renderHelmExport(exampleAt("1.32.2"), { ...OPTIONS, password: null });
    expect(result.secret.manifest).toBeNull();
    expect(result.notes).toContain("kubectl create secret generic temporal-postgres --namespace orders");
  });

  it("converts Docker limits to Kubernetes quantities", () => {
    const values = parse(renderHelmExport(exampleAt("1.32.2"), OPTIONS).valuesYaml);
    expect(values.server.resources).toEqual({ limits: { memory: "2Gi", cpu: "1500m" } });
    expect(values.web.resources).toEqual({ limits: { memory: "256Mi" } });
  });

  it("takes a reused server's port and the given address", () => {
    const reused = config({
      services: { postgres: { reuse_existing: true, port: 5433 }, temporal: { version: "1.31.5" } },
    });
    const values = parse(renderHelmExport(reused, OPTIONS).valuesYaml);
    expect(values.server.config.persistence.datastores.default.sql.connectAddr).toBe("postgres.example.com:5433");
    const given = renderHelmExport(reused, { ...OPTIONS, postgres: { host: "fd00::5", port: 6432, user: "app" } });
    expect(parse(given.valuesYaml).server.config.persistence.datastores.visibility.sql).toMatchObject({
      connectAddr: "[fd00::5]:6432",
      user: "app",
    });
  });

  it("refuses an export without an external database address", () => {
    const error = thrownRefusal(() =>
      renderHelmExport(exampleAt("1.32.2"), { ...OPTIONS, postgres: { host: null, port: null, user: null } }),
    );
    expect(error.code).toBe("bad_request:helm_database_address");
    expect(error.message).toContain("bundles no database");
    const reused = config({ services: { postgres: { reuse_existing: true }, temporal: { version: "1.32.2" } } });
    const hint = thrownRefusal(() =>
      renderHelmExport(reused, { ...OPTIONS, postgres: { host: " ", port: null, user: null } }),
    ).hint;
    expect(hint).toContain("reuses the PostgreSQL on this machine's port 5432");
  });

  it("refuses an address that carries credentials or is not a host", () => {
    for (const host of ["app:secret@db.example.com", "postgresql://db.example.com", "db example"]) {
      expect(
        thrownRefusal(() =>
          renderHelmExport(exampleAt("1.32.2"), { ...OPTIONS, postgres: { host, port: null, user: null } }),
        ).code,
      ).toBe("bad_request:helm_database_address");
    }
  });

  it("refuses Temporal versions the 1.x chart does not run", () => {
    const autoSetup = thrownRefusal(() => renderHelmExport(exampleAt("1.29.7"), OPTIONS));
    expect(autoSetup.code).toBe("bad_request:helm_temporal_version");
    expect(autoSetup.message).toContain("needs Temporal 1.30 or later, not 1.29.7");
    expect(thrownRefusal(() => renderHelmExport(exampleAt("1.30.0"), OPTIONS)).message).toContain("retracted");
    expect(thrownRefusal(() => renderHelmExport(exampleAt("1.33.0"), OPTIONS)).hint).toContain("1.32.2");
  });

  it("refuses a password that would land in the values", () => {
    // The database is called "temporal": that password would be readable in values.yaml.
    const error = thrownRefusal(() => renderHelmExport(exampleAt("1.32.2"), { ...OPTIONS, password: "temporal" }));
    expect(error.code).toBe("bad_request:helm_password_in_values");
  });

  it("refuses a namespace the chart's job cannot name a container after", () => {
    const input = structuredClone(EXAMPLE);
    input.services!.temporal!.namespace = "Orders_EU";
    input.services!.temporal!.version = "1.32.2";
    expect(thrownRefusal(() => renderHelmExport(config(input), OPTIONS)).code).toBe("bad_request:helm_namespace_name");
  });
});

const FACTS_SHEET = path.resolve(import.meta.dirname, "../../../shared/reference/current-temporal.md");

describe.skipIf(!existsSync(FACTS_SHEET))("the transcribed key list", () => {
  it("names only keys of the facts sheet's §6", () => {
    const sheet = readFileSync(FACTS_SHEET, "utf8");
    const section = sheet.slice(sheet.indexOf("## 6."), sheet.indexOf("## 7."));
    const missing = FACTS_SHEET_KEYS.filter((key) => !key.split(".").every((part) => section.includes(part)));
    expect(missing).toEqual([]);
  });
});
