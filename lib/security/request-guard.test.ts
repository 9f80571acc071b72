import { describe, expect, it } from "vitest";
import { guardRequest, isAllowedHost, isSameOrigin, splitHostHeader, type GuardRequest } from "./request-guard";

const base: GuardRequest = {
  method: "GET",
  host: "127.0.0.1:3000",
  origin: null,
  secFetchSite: null,
  accept: null,
  contentLength: null,
};
const options = { port: 3000 };

describe("splitHostHeader", () => {
  it("parses names, IPv4 and bracketed IPv6 with ports", () => {
    expect(splitHostHeader("localhost:3000")).toEqual({ hostname: "localhost", port: 3000 });
    expect(splitHostHeader("[::1]:3000")).toEqual({ hostname: "[::1]", port: 3000 });
    expect(splitHostHeader("127.0.0.1")).toEqual({ hostname: "127.0.0.1", port: null });
  });
  it("rejects garbage", () => {
    expect(splitHostHeader("evil.com:3000/x")).toBeNull();
    expect(splitHostHeader("a b")).toBeNull();
  });
});

describe("isAllowedHost", () => {
  it("accepts loopback names on our port", () => {
    for (const host of ["127.0.0.1:3000", "localhost:3000", "LOCALHOST:3000", "[::1]:3000"]) {
      expect(isAllowedHost(host, options)).toBe(true);
    }
  });
  it("refuses a rebinding attacker's name and other ports", () => {
    expect(isAllowedHost("attacker.example:3000", options)).toBe(false);
    expect(isAllowedHost("127.0.0.1.nip.io:3000", options)).toBe(false);
    expect(isAllowedHost("127.0.0.1:3001", options)).toBe(false);
    expect(isAllowedHost(null, options)).toBe(false);
  });
  it("accepts a name the user allowed explicitly", () => {
    expect(isAllowedHost("devbox:3000", { port: 3000, extraAllowedHosts: ["devbox"] })).toBe(true);
  });
});

describe("isSameOrigin", () => {
  it("compares the Origin with the Host", () => {
    expect(isSameOrigin({ origin: "http://127.0.0.1:3000", host: "127.0.0.1:3000", secFetchSite: null })).toBe(true);
    expect(isSameOrigin({ origin: "http://localhost:3000", host: "127.0.0.1:3000", secFetchSite: null })).toBe(false);
    expect(isSameOrigin({ origin: "https://127.0.0.1:3000", host: "127.0.0.1:3000", secFetchSite: null })).toBe(false);
    expect(isSameOrigin({ origin: "null", host: "127.0.0.1:3000", secFetchSite: "same-origin" })).toBe(true);
    expect(isSameOrigin({ origin: null, host: "127.0.0.1:3000", secFetchSite: "cross-site" })).toBe(false);
  });
});

describe("guardRequest", () => {
  it("lets a plain same-host GET through", () => {
    expect(guardRequest(base, options)).toEqual({ allowed: true });
  });
  it("refuses a foreign Host with 403", () => {
    expect(guardRequest({ ...base, host: "evil.example" }, options)).toMatchObject({
      allowed: false,
      refusal: { status: 403, code: "forbidden:host" },
    });
  });
  it("refuses a write without Origin", () => {
    expect(guardRequest({ ...base, method: "PUT" }, options)).toMatchObject({
      refusal: { status: 403, code: "forbidden:cross_origin" },
    });
  });
  it("refuses a cross-site write and a cross-site stream", () => {
    expect(guardRequest({ ...base, method: "POST", origin: "http://evil.example" }, options)).toMatchObject({
      refusal: { status: 403 },
    });
    expect(guardRequest({ ...base, accept: "text/event-stream", secFetchSite: "cross-site" }, options)).toMatchObject({
      refusal: { status: 403 },
    });
  });
  it("accepts a same-origin write and stream", () => {
    expect(guardRequest({ ...base, method: "POST", origin: "http://127.0.0.1:3000" }, options)).toEqual({
      allowed: true,
    });
    expect(guardRequest({ ...base, accept: "text/event-stream", secFetchSite: "same-origin" }, options)).toEqual({
      allowed: true,
    });
  });
  it("refuses declared bodies over 1 MiB with 413", () => {
    const big = { ...base, method: "POST", origin: "http://127.0.0.1:3000", contentLength: String(5 * 1024 * 1024) };
    expect(guardRequest(big, options)).toMatchObject({ refusal: { status: 413 } });
  });
});
