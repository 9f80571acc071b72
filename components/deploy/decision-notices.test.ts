import { describe, expect, it } from "vitest";
import { describePortEdits, reusedPostgresNotice } from "./decision-notices";
import type { ReusePostgresResponse } from "./deploy-types";

const report: ReusePostgresResponse = {
  version: "15.4",
  port: 5432,
  dockerHostAddress: "172.17.0.1",
  existingDatabases: [],
  warnings: [],
  edits: {},
};

describe("describePortEdits", () => {
  it("names each field with its new port", () => {
    expect(describePortEdits({ "services.postgres.port": 5433 })).toBe("services.postgres.port is now 5433");
    expect(describePortEdits({ "services.postgres.port": 5433, "services.temporal.ui_port": 8081 })).toBe(
      "services.postgres.port is now 5433, services.temporal.ui_port is now 8081",
    );
  });
});

describe("reusedPostgresNotice", () => {
  it("says which server is reused and how containers reach it", () => {
    expect(reusedPostgresNotice(report)).toEqual({
      tone: "success",
      message:
        "Reusing PostgreSQL 15.4 on port 5432: the login works " +
        "from containers too (172.17.0.1). Password kept in .env.",
      hint: undefined,
    });
  });

  it("gives the server's warnings as the hint", () => {
    expect(reusedPostgresNotice({ ...report, warnings: ["max_connections is 20.", "No backups."] }).hint).toBe(
      "max_connections is 20. No backups.",
    );
  });
});
