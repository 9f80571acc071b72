import { describe, expect, it } from "vitest";
import { formatUpgradeEvent, formatUpgradeHistory } from "./format-upgrade";
import type { UpgradeRecord } from "./upgrade-history";

const failed: UpgradeRecord = {
  id: "u1",
  project: "demo",
  from: "1.22.0",
  to: "1.24.3",
  pid: 1,
  startedAt: "2026-12-07T10:15:00.000Z",
  finishedAt: "2026-12-07T10:18:00.000Z",
  state: "failed",
  backupId: "20261207-101500-000",
  runningVersion: "1.23.1",
  steps: [
    {
      number: 1,
      version: "1.23.1",
      shape: "auto-setup",
      startedAt: "2026-12-07T10:15:10.000Z",
      finishedAt: "2026-12-07T10:16:30.000Z",
      state: "succeeded",
      validation: { status: "healthy", rootCause: null },
      error: null,
      logTail: [],
    },
    {
      number: 2,
      version: "1.24.3",
      shape: "auto-setup",
      startedAt: "2026-12-07T10:16:30.000Z",
      finishedAt: "2026-12-07T10:17:40.000Z",
      state: "failed",
      validation: null,
      error: { code: "unavailable:deploy_failed", message: "it exited." },
      logTail: ["boom"],
    },
  ],
  error: {
    code: "unavailable:deploy_failed",
    message: "Step 2 (Temporal 1.24.3) failed: it exited.",
    hint: "The stack runs Temporal 1.23.1 again, the last good step.",
  },
  restoreCommand: "mycelium backup restore 20261207-101500-000 --confirm demo",
};

describe("formatUpgradeHistory", () => {
  it("shows each upgrade with its steps, where it stopped and the way back", () => {
    expect(formatUpgradeHistory("demo", [failed]).split("\n")).toEqual([
      "Upgrades of demo, newest first:",
      "  2026-12-07 10:15:00 UTC  1.22.0 → 1.24.3  failed; the stack was left on 1.23.1",
      "    backup taken first: 20261207-101500-000",
      "    ✓ 1. Temporal 1.23.1 (temporalio/auto-setup), 2026-12-07 10:16:30 UTC",
      "    ✗ 2. Temporal 1.24.3 (temporalio/auto-setup), 2026-12-07 10:17:40 UTC",
      "    ✗ Step 2 (Temporal 1.24.3) failed: it exited.",
      "      The stack runs Temporal 1.23.1 again, the last good step.",
      "    To go back: mycelium backup restore 20261207-101500-000 --confirm demo",
    ]);
  });
});

describe("formatUpgradeEvent", () => {
  it("prints the upgrade's own events and the deploy's as a deploy prints them", () => {
    const message = "Step 2 of 3: Temporal 1.24.3";
    const starting = { type: "upgrade-step", step: 2, of: 3, version: "1.24.3", stage: "starting", message } as const;
    expect(formatUpgradeEvent(starting)).toBe("\n■ Step 2 of 3: Temporal 1.24.3");
    const done = { type: "step-succeeded", step: 2, version: "1.24.3", durationMs: 61_500 } as const;
    expect(formatUpgradeEvent(done)).toBe("✓ Step 2: Temporal 1.24.3 is healthy (61.5 s)");
    const recreate = { type: "container", service: "temporal", action: "recreate", message: "recreating" } as const;
    expect(formatUpgradeEvent({ ...recreate, step: 2 })).toBe("  • recreating");
  });
});
