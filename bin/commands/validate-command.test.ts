import { describe, expect, it } from "vitest";
import type { Diagnosis, Fix } from "../../lib/diagnose/diagnosis-types";
import { formatDiagnoses } from "./validate-command";

const diagnosis = (id: string, title: string, fix: Fix | null): Diagnosis => ({
  id,
  title,
  whatHappened: "It happened.",
  why: "Because.",
  commands: [],
  fix,
  harmless: false,
  score: 90,
  because: [],
  sources: [],
});

describe("formatDiagnoses", () => {
  it("names the fix's id and the exact command beside the root cause and each other problem with a fix", () => {
    const text = formatDiagnoses([
      diagnosis("dynamic-config-missing", "Dynamic config file missing", {
        kind: "regenerate-dynamic-config",
        label: "Write the dynamic config file again and redeploy",
        safe: true,
      }),
      diagnosis("cli-loopback-address", "CLI dials 127.0.0.1", { kind: "redeploy", label: "Redeploy", safe: true }),
      diagnosis("too-many-connections", "Too many connections", null),
    ]);
    expect(text.split("\n")).toEqual([
      "",
      "Root cause: Dynamic config file missing",
      "  What happened: It happened.",
      "  Why: Because.",
      "  Fix (dynamic-config-missing): Write the dynamic config file again and redeploy",
      "    $ mycelium fix dynamic-config-missing",
      "Also: CLI dials 127.0.0.1 — fix: `mycelium fix cli-loopback-address`",
      "Also: Too many connections",
    ]);
  });
});
