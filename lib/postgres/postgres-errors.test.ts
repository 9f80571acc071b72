import { describe, expect, it } from "vitest";
import { describePostgresError } from "./postgres-errors";

const target = { host: "127.0.0.1", port: 5432, user: "temporal" };
const serverError = (code: string, message: string) => Object.assign(new Error(message), { code, severity: "FATAL" });

describe("describePostgresError", () => {
  it("keeps the server's own sentence, as lib/pq prints it", () => {
    expect(
      describePostgresError(serverError("28P01", 'password authentication failed for user "temporal"'), target),
    ).toEqual({
      kind: "authentication",
      message: 'password authentication failed for user "temporal"',
      code: "28P01",
    });
    expect(describePostgresError(serverError("53300", "sorry, too many clients already"), target).kind).toBe(
      "too-many-connections",
    );
    expect(describePostgresError(serverError("3D000", 'database "temporal" does not exist'), target).kind).toBe(
      "database-missing",
    );
    expect(
      describePostgresError(
        serverError(
          "28000",
          'no pg_hba.conf entry for host "10.0.0.1", user "temporal", database "temporal", no encryption',
        ),
        target,
      ).kind,
    ).toBe("tls-required");
  });

  it("words network errors like Go's dialer", () => {
    expect(
      describePostgresError(
        Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }),
        target,
      ),
    ).toEqual({
      kind: "refused",
      message: "dial tcp 127.0.0.1:5432: connect: connection refused",
      code: "ECONNREFUSED",
    });
    expect(describePostgresError(new Error("Connection terminated due to connection timeout"), target).kind).toBe(
      "timeout",
    );
  });

  it("reads node-postgres's refusal of an empty password as the server's answer", () => {
    expect(
      describePostgresError(new Error("SASL: SCRAM-SERVER-FIRST-MESSAGE: client password must be a string"), target),
    ).toMatchObject({
      kind: "authentication",
      message: 'password authentication failed for user "temporal"',
    });
  });
});
