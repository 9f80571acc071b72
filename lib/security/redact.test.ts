import { describe, expect, it } from "vitest";
import { redactSecrets } from "./redact";

describe("redactSecrets", () => {
  it("masks known secret values anywhere", () => {
    expect(redactSecrets("login with Xk29fhQ0pLm failed; Xk29fhQ0pLm again", ["Xk29fhQ0pLm"])).toBe(
      "login with •••••• failed; •••••• again",
    );
  });
  it("masks passwords in connection strings it was not told about", () => {
    expect(redactSecrets("dial postgres://temporal:hunter22@postgres:5432/temporal?sslmode=disable")).toBe(
      "dial postgres://temporal:••••••@postgres:5432/temporal?sslmode=disable",
    );
  });
  it("masks password assignments in logs and env dumps", () => {
    expect(redactSecrets("+ export SQL_PASSWORD=s3cret!\nPOSTGRES_PWD: abc123")).toBe(
      "+ export SQL_PASSWORD=••••••\nPOSTGRES_PWD: ••••••",
    );
  });
  it("leaves ordinary text alone", () => {
    const text = 'pq: password authentication failed for user "temporal"';
    expect(redactSecrets(text, ["ab"])).toBe(text);
  });
});
