import { describe, expect, it } from "vitest";
import { checkConfigSemantics } from "./check-config";
import { RECOMMENDED_MAX_CONNECTIONS } from "./compat";
import type { Finding } from "./findings";
import { configSchema, type MyceliumConfigInput } from "./schema";

function check(input: MyceliumConfigInput): Finding[] {
  return checkConfigSemantics(configSchema.parse(input));
}

function codes(input: MyceliumConfigInput): string[] {
  return check(input).map((finding) => finding.code);
}

function only(input: MyceliumConfigInput, code: string): Finding {
  const matching = check(input).filter((finding) => finding.code === code);
  expect(matching, `expected one ${code}`).toHaveLength(1);
  return matching[0] as Finding;
}

describe("checkConfigSemantics", () => {
  it("finds nothing wrong with the defaults", () => {
    expect(check({})).toEqual([]);
  });

  describe("ports", () => {
    it("reports two services on one host port and suggests a free one", () => {
      const finding = only({ services: { postgres: { port: 7233 }, temporal: { ui_port: 7234 } } }, "port-conflict");
      expect(finding).toMatchObject({
        severity: "error",
        path: "services.temporal.frontend_port",
        message:
          "services.temporal.frontend_port is 7233, the same host port as " +
          "services.postgres.port: two containers cannot publish one port",
        // 7234 is the UI's: the next free number is 7235.
        fix: "set services.temporal.frontend_port to 7235 (not used by another service)",
      });
    });

    it("ignores ports of disabled services and of a disabled UI", () => {
      expect(codes({ services: { redis: { enabled: false, port: 5432 } } })).toEqual([]);
      expect(codes({ services: { temporal: { ui_enabled: false, ui_port: 5432 } } })).toEqual([]);
      expect(codes({ services: { redis: { enabled: true, port: 5432 } } })).toEqual(["port-conflict"]);
    });

    it("warns about the dashboard's own port", () => {
      expect(only({ services: { temporal: { ui_port: 3000 } } }, "port-dashboard")).toMatchObject({
        severity: "warning",
        path: "services.temporal.ui_port",
      });
    });
  });

  describe("service versions", () => {
    it("needs PostgreSQL when Temporal is enabled", () => {
      expect(only({ services: { postgres: { enabled: false } } }, "temporal-needs-postgres").severity).toBe("error");
      expect(codes({ services: { postgres: { enabled: false }, temporal: { enabled: false } } })).toEqual([]);
    });

    it(
      "accepts every known release from 1.20 to the newest and refuses " +
        "others (each bad version: check-service-versions.test.ts)",
      () => {
        for (const version of ["1.20.3", "1.25.0", "1.29.7", "1.30.1", "1.32.2"])
          expect(codes({ services: { temporal: { version } } }), version).toEqual([]);
        expect(codes({ services: { temporal: { version: "1.99.0" } } })).toEqual(["temporal-version-unknown"]);
      },
    );

    it("checks that a postgres image can exist", () => {
      expect(only({ services: { postgres: { version: "19" } } }, "postgres-version-invalid").severity).toBe("error");
      expect(only({ services: { postgres: { version: "15.99" } } }, "postgres-version-unknown").severity).toBe(
        "warning",
      );
    });

    it("rejects PostgreSQL versions Temporal cannot use and warns about untested ones", () => {
      const incompatible = only(
        { services: { postgres: { version: "11" }, temporal: { version: "1.24.0", ui_version: "2.26.2" } } },
        "pg-temporal-incompatible",
      );
      expect(incompatible.message).toBe(
        "PostgreSQL 11 with Temporal 1.24.0 (plugin postgres12) cannot work: the postgres12 " +
          "plugin's schema needs PostgreSQL 12 or later (generated columns, btree_gin)",
      );
      const untested = only({ services: { postgres: { version: "16.2" } } }, "pg-temporal-untested");
      expect(untested).toMatchObject({ severity: "warning", path: "services.postgres.version" });
    });

    it("quotes the image's own error for a plugin it does not accept", () => {
      const old = only({ services: { temporal: { db_plugin: "postgres12_pgx" } } }, "db-plugin-unsupported");
      expect(old.message).toContain('"Unsupported DB type: postgres12_pgx."');
      const newer = only(
        { services: { temporal: { version: "1.24.2", ui_version: "2.26.2", db_plugin: "postgresql" } } },
        "db-plugin-unsupported",
      );
      expect(newer.message).toContain(
        "\"Unsupported driver specified: 'DB=postgresql'. Valid " +
          'drivers are: mysql8, postgres12, postgres12_pgx, cassandra."',
      );
      expect(newer.message).toContain("DB=postgresql is the legacy v96 schema");
      expect(newer.fix).toBe(
        "set db_plugin to postgres12 or postgres12_pgx, or remove it to let Mycelium choose (postgres12)",
      );
      expect(codes({ services: { temporal: { db_plugin: "postgresql" } } })).toEqual([]);
    });
  });

  describe("max_connections against Temporal's pools", () => {
    it("is an error below what Temporal opens as it starts, a warning below its pools under load plus headroom", () => {
      const tooFew = only({ services: { postgres: { max_connections: 41 } } }, "postgres-connections-too-few");
      expect(tooFew.message).toContain("sorry, too many clients already");
      expect(tooFew.message).toContain("about 39 connections as it starts and up to 120 under load");
      expect(tooFew.fix).toBe("set services.postgres.max_connections to at least 143");
      expect(codes({ services: { postgres: { max_connections: 42 } } })).toEqual(["postgres-connections-tight"]);
      const guides = only({ services: { postgres: { max_connections: 100 } } }, "postgres-connections-tight");
      expect(guides.message).toContain("measured here: 66 under 3,000 workflow starts");
      expect(codes({ services: { postgres: { max_connections: 142 } } })).toEqual(["postgres-connections-tight"]);
      expect(codes({ services: { postgres: { max_connections: 143 } } })).toEqual([]);
      // The schema's default is the recommended value, written there as a number (see schema.ts).
      expect(configSchema.parse({}).services.postgres.max_connections).toBe(RECOMMENDED_MAX_CONNECTIONS);
      expect(codes({ services: { postgres: { max_connections: 5 }, temporal: { enabled: false } } })).toEqual([]);
    });
  });

  describe("history shards", () => {
    it("warns about a count that is not a power of two", () => {
      expect(only({ services: { temporal: { history_shards: 12 } } }, "history-shards-not-power-of-two").fix).toBe(
        "use 8 or 16",
      );
      expect(codes({ services: { temporal: { history_shards: 512 } } })).toEqual([]);
    });

    it("warns that a deployed cluster keeps its shard count", () => {
      const findings = checkConfigSemantics(configSchema.parse({ services: { temporal: { history_shards: 8 } } }), {
        deployed: configSchema.parse({}),
      });
      expect(findings).toEqual([
        expect.objectContaining({
          code: "history-shards-fixed",
          severity: "warning",
          message:
            "services.temporal.history_shards is 8, but the cluster was initialised " +
            "with 4 shards; the server keeps the persisted value and ignores this change",
          fix: "set it back to 4. To change it you need a new cluster (fresh volume)",
        }),
      ]);
    });
  });

  describe("bind address", () => {
    it("warns when the ports are published beyond loopback", () => {
      expect(only({ deployment: { bind_address: "0.0.0.0" } }, "bind-address-exposed").severity).toBe("warning");
      expect(codes({ deployment: { bind_address: "127.0.0.2" } })).toEqual([]);
      expect(codes({ deployment: { bind_address: "::1" } })).toEqual([]);
    });
  });
});
