import { describe, expect, it } from "vitest";
import type { Diagnosis, Fix } from "./diagnosis-types";
import { fixCommand, fixOffers, fixRequestBody } from "./fix-offers";

const diagnosis = (id: string, fix: Fix | null, harmless = false): Diagnosis => ({
  id,
  title: id,
  whatHappened: "",
  why: "",
  commands: [],
  fix,
  harmless,
  score: 50,
  because: [],
  sources: [],
});

describe("fixOffers", () => {
  it("offers the fixes of the problems found, root cause first, never a harmless note's", () => {
    const restart: Fix = { kind: "restart-container", label: "Restart", safe: true, service: "temporal" };
    const redeploy: Fix = { kind: "redeploy", label: "Redeploy", safe: true };
    const offers = fixOffers([
      diagnosis("schema-missing", restart),
      diagnosis("no-fix", null),
      diagnosis("note", redeploy, true),
      diagnosis("cli-loopback-address", redeploy),
    ]);
    expect(offers).toEqual([
      { id: "schema-missing", fix: restart },
      { id: "cli-loopback-address", fix: redeploy },
    ]);
    expect(fixCommand(offers[0]!.id)).toBe("mycelium fix schema-missing");
  });
});

describe("fixRequestBody", () => {
  it("names the service only for a restart", () => {
    expect(fixRequestBody({ kind: "restart-container", label: "Restart", safe: true, service: "postgres" })).toEqual({
      kind: "restart-container",
      service: "postgres",
    });
    expect(fixRequestBody({ kind: "regenerate-dynamic-config", label: "Write it again", safe: true })).toEqual({
      kind: "regenerate-dynamic-config",
    });
  });
});
