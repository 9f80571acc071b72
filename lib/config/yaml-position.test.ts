import { describe, expect, it } from "vitest";
import { LineCounter, parseDocument } from "yaml";
import { locateFinding } from "./yaml-position";

function locate(text: string, path: string, target: "key" | "value" = "value") {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter });
  return locateFinding(document, lineCounter, path, target);
}

const text = [
  'version: "1.0"', // 1
  "services:", // 2
  "  postgres:", // 3
  "    port: 5432", // 4
  "    custom_config:", // 5
  "      shared_buffers: 256MB", // 6
  "  temporal:", // 7
  "    dynamic_config:", // 8
  "      frontend.rps:", // 9
  "        - value: 2400", // 10
  "          constraints: {namespace: default}", // 11
].join("\n");

describe("locateFinding", () => {
  it("points at a nested value", () => {
    expect(locate(text, "services.postgres.port")).toEqual({ line: 4, column: 11 });
  });

  it("points at the key when asked (unknown keys)", () => {
    expect(locate(text, "services.postgres.port", "key")).toEqual({ line: 4, column: 5 });
  });

  it("finds keys that contain dots, and list entries", () => {
    expect(locate(text, "services.temporal.dynamic_config.frontend.rps.0.value")).toEqual({ line: 10, column: 18 });
    expect(locate(text, "services.temporal.dynamic_config.frontend.rps.0.constraints.namespace", "key")).toEqual({
      line: 11,
      column: 25,
    });
  });

  it("falls back to the nearest ancestor written in the file", () => {
    // max_connections is not in the file (a default): point at `postgres:`.
    expect(locate(text, "services.postgres.max_connections")).toEqual({ line: 3, column: 3 });
    expect(locate(text, "deployment.bind_address")).toEqual({ line: 1, column: 1 });
  });

  it("points at the key of an empty value", () => {
    expect(locate("services:\n  redis:\n", "services.redis")).toEqual({ line: 2, column: 3 });
  });
});
