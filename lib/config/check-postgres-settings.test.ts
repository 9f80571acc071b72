import { describe, expect, it } from "vitest";
import { checkPostgresSettings } from "./check-postgres-settings";
import type { Finding } from "./findings";
import { configSchema } from "./schema";

function findingsFor(customConfig: Record<string, string | number | boolean>): Finding[] {
  return checkPostgresSettings(configSchema.parse({ services: { postgres: { custom_config: customConfig } } }));
}

function onlyFinding(name: string, value: string | number | boolean): Finding {
  const findings = findingsFor({ [name]: value });
  expect(findings).toHaveLength(1);
  return findings[0] as Finding;
}

describe("checkPostgresSettings: custom_config", () => {
  it("accepts the guide's Performance Tuning settings, written as the guide writes them", () => {
    expect(
      findingsFor({
        shared_buffers: "4GB",
        effective_cache_size: "12GB",
        maintenance_work_mem: "1GB",
        checkpoint_completion_target: "0.9",
        wal_buffers: "16MB",
        default_statistics_target: "100",
        random_page_cost: "1.1",
        effective_io_concurrency: "200",
        work_mem: "20MB",
        min_wal_size: "1GB",
        max_wal_size: "4GB",
        max_worker_processes: "8",
        max_parallel_workers_per_gather: "4",
        max_parallel_workers: "8",
        max_parallel_maintenance_workers: "4",
      }),
    ).toEqual([]);
  });

  it("explains that units are case-sensitive", () => {
    expect(onlyFinding("shared_buffers", "256mb")).toMatchObject({
      severity: "error",
      code: "postgres-setting-invalid",
      path: "services.postgres.custom_config.shared_buffers",
      message:
        'services.postgres.custom_config.shared_buffers is "256mb", ' +
        "but PostgreSQL units are case-sensitive: write 256MB",
      fix: "write 256MB",
    });
    expect(onlyFinding("statement_timeout", "30S").fix).toBe("write 30s");
  });

  it("corrects units from other tools", () => {
    expect(onlyFinding("work_mem", "64M").fix).toBe("write 64MB");
    expect(onlyFinding("statement_timeout", "5m").fix).toBe("write 5min");
    expect(onlyFinding("work_mem", "64 parsecs").message).toContain("(it accepts B, kB, MB, GB, TB)");
  });

  it("rejects a value that is not a size, a bool or an allowed enum value", () => {
    expect(onlyFinding("work_mem", "lots").message).toBe(
      "services.postgres.custom_config.work_mem must be a size such as " +
        '256MB (units B, kB, MB, GB, TB; a bare number counts kB), not "lots"',
    );
    expect(onlyFinding("fsync", "maybe").code).toBe("postgres-setting-invalid");
    expect(onlyFinding("wal_level", "replicat").fix).toBe("write replica");
    expect(onlyFinding("max_worker_processes", "8MB").message).toContain("must be a whole number without a unit");
    expect(onlyFinding("random_page_cost", "cheap").code).toBe("postgres-setting-invalid");
  });

  it("checks PostgreSQL's bounds in the setting's own unit", () => {
    expect(onlyFinding("shared_buffers", "64kB").message).toContain("below PostgreSQL's minimum of 128kB");
    expect(onlyFinding("checkpoint_completion_target", 1.5).message).toContain("above PostgreSQL's maximum of 1");
    expect(onlyFinding("checkpoint_timeout", "10s").message).toContain("below PostgreSQL's minimum of 30s");
    expect(findingsFor({ autovacuum_work_mem: -1, statement_timeout: 0, log_min_duration_statement: "-1" })).toEqual(
      [],
    );
  });

  it("accepts PostgreSQL's boolean spellings and enum aliases", () => {
    expect(
      findingsFor({ fsync: true, full_page_writes: "on", jit: "OFF", log_checkpoints: 1, synchronous_commit: "off" }),
    ).toEqual([]);
    expect(
      findingsFor({ huge_pages: "try", wal_compression: "lz4", default_transaction_isolation: "read committed" }),
    ).toEqual([]);
  });

  it("warns that a bare memory number is counted in the setting's base unit", () => {
    expect(onlyFinding("shared_buffers", 256)).toMatchObject({
      severity: "warning",
      code: "postgres-setting-bare-number",
      message:
        "services.postgres.custom_config.shared_buffers is the " +
        "bare number 256, which PostgreSQL counts in 8kB pages: 2MB",
    });
  });

  it("warns about unknown settings with a suggestion, and accepts extension settings", () => {
    expect(onlyFinding("shared_buffer", "1GB")).toMatchObject({
      severity: "warning",
      code: "postgres-setting-unknown",
      fix: "rename it to shared_buffers",
    });
    expect(onlyFinding("shared_buffer", "1GB").message).toContain("PostgreSQL refuses to start");
    expect(findingsFor({ "pg_stat_statements.track": "all", "auto_explain.log_min_duration": "5s" })).toEqual([]);
  });

  it("refuses max_connections and the settings the container layout owns", () => {
    expect(onlyFinding("max_connections", 200)).toMatchObject({
      code: "postgres-setting-managed",
      fix: "remove it here and write services.postgres.max_connections: 200",
    });
    for (const name of ["port", "listen_addresses", "data_directory", "hba_file", "config_file"]) {
      expect(onlyFinding(name, "x")).toMatchObject({ severity: "error", code: "postgres-setting-forbidden" });
    }
    expect(onlyFinding("port", 5433).message).toContain("the container must listen on 5432");
  });

  it("skips everything when PostgreSQL is disabled", () => {
    const config = configSchema.parse({
      services: { postgres: { enabled: false, custom_config: { port: 1 } }, temporal: { enabled: false } },
    });
    expect(checkPostgresSettings(config)).toEqual([]);
  });
});

describe("checkPostgresSettings: a reused server", () => {
  it("warns that container settings do nothing, and checks no connection budget", () => {
    const config = configSchema.parse({
      services: {
        postgres: {
          reuse_existing: true,
          max_connections: 5,
          custom_config: { work_mem: "8MB" },
          image: "registry.example.com/postgres:15",
          resources: { memory: "1g" },
        },
      },
    });
    const findings = checkPostgresSettings(config);
    expect(findings.map((f) => [f.severity, f.path])).toEqual([
      ["warning", "services.postgres.custom_config"],
      ["warning", "services.postgres.image"],
      ["warning", "services.postgres.resources"],
    ]);
    expect(checkPostgresSettings(configSchema.parse({ services: { postgres: { reuse_existing: true } } }))).toEqual([]);
  });
});
