import { describe, expect, it } from "vitest";
import { checkAccess, generateAccessToken, sessionValueFor } from "./access-token";

describe("checkAccess", () => {
  const token = generateAccessToken();

  it("exchanges the right token for the session cookie", () => {
    expect(checkAccess(token, token, null)).toEqual({ kind: "exchange", cookieValue: sessionValueFor(token) });
  });
  it("lets a browser with the session cookie in", () => {
    expect(checkAccess(token, null, sessionValueFor(token))).toEqual({ kind: "allowed" });
  });
  it("denies a wrong token, a wrong cookie, and nothing at all", () => {
    expect(checkAccess(token, "guess", null)).toEqual({ kind: "denied" });
    expect(checkAccess(token, null, sessionValueFor("other"))).toEqual({ kind: "denied" });
    expect(checkAccess(token, null, token)).toEqual({ kind: "denied" });
    expect(checkAccess(token, null, null)).toEqual({ kind: "denied" });
  });
  it("makes long random tokens", () => {
    const a = generateAccessToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(a).not.toBe(generateAccessToken());
  });
});
