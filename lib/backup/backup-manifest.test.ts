import { describe, expect, it } from "vitest";
import { backupManifestSchema, MANIFEST_FORMAT, totalBytes } from "./backup-manifest";

const valid = {
  format: MANIFEST_FORMAT,
  id: "20250314-101530-123",
  project: "temporal-deployment",
  createdAt: "2025-03-14T10:15:30.123Z",
  durationMs: 800,
  reason: "manual",
  postgres: { version: "15.3", image: "postgres:15.3", user: "postgres" },
  temporal: {
    version: "1.22.0",
    image: "temporalio/auto-setup:1.22.0",
    schemaVersions: { temporal: "1.10", temporal_visibility: "1.3" },
  },
  databases: [
    { name: "temporal", file: "temporal.dump", bytes: 40_000, sha256: "a".repeat(64), format: "pg_dump-custom" },
    {
      name: "temporal_visibility",
      file: "temporal_visibility.dump",
      bytes: 2_000,
      sha256: "b".repeat(64),
      format: "pg_dump-custom",
    },
  ],
};

describe("backup manifest", () => {
  it("accepts what createBackup writes and sums the sizes", () => {
    const manifest = backupManifestSchema.parse(valid);
    expect(totalBytes(manifest)).toBe(42_000);
  });

  it.each([
    ["a dump file outside the backup", { databases: [{ ...valid.databases[0], file: "../../.env" }] }],
    ["a dump named after another database", { databases: [{ ...valid.databases[0], file: "other.dump" }] }],
    [
      "a database name that is not an identifier",
      { databases: [{ ...valid.databases[0], name: 'x"; DROP', file: 'x"; DROP.dump' }] },
    ],
    ["an id that is not a time", { id: "../x" }],
    ["a project name that is not one", { project: "../etc" }],
    ["a short checksum", { databases: [{ ...valid.databases[0], sha256: "abc" }] }],
    ["no database", { databases: [] }],
    ["an unknown field", { extra: true }],
  ])("refuses %s", (_what, change) => {
    expect(backupManifestSchema.safeParse({ ...valid, ...change }).success).toBe(false);
  });
});
