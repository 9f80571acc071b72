import { describe, expect, it } from "vitest";
import { TEMPORAL_RELEASES, type TemporalRelease } from "../config/compat";
import { withConfigEdits } from "../config/config-edits";
import { defaultConfig, type MyceliumConfig } from "../config/schema";
import type { ServiceStatus } from "../deploy/stack-status";
import { deployedTemporalVersion, NO_DOWNGRADE_WARNING, planUpgrade, upgradeTargets } from "./plan-upgrade";

function configAt(version: string, edits: Record<string, string | boolean | null> = {}): MyceliumConfig {
  return withConfigEdits(defaultConfig(), { "services.temporal.version": version, ...edits });
}

const schemaOf = (plan: ReturnType<typeof planUpgrade>) =>
  plan.steps.map((step) => [
    step.version,
    ...step.schema.map((change) => `${change.database} ${change.from}→${change.to}`),
  ]);

describe("planUpgrade", () => {
  it("takes the guide's 1.22.0 to 1.32.2 one minor at a time, newest patch of each, the target's own last", () => {
    const plan = planUpgrade(configAt("1.22.0"), "1.32.2");
    expect(plan).toMatchObject({ project: "temporal-deployment", from: "1.22.0", to: "1.32.2" });
    expect(schemaOf(plan)).toEqual([
      ["1.23.1", "temporal 1.10→1.11", "temporal_visibility 1.3→1.4"],
      ["1.24.3", "temporal 1.11→1.12", "temporal_visibility 1.4→1.6"],
      ["1.25.2", "temporal 1.12→1.14", "temporal_visibility 1.6→1.6"],
      ["1.26.2", "temporal 1.14→1.14", "temporal_visibility 1.6→1.7"],
      ["1.27.4", "temporal 1.14→1.16", "temporal_visibility 1.7→1.9"],
      ["1.28.1", "temporal 1.16→1.17", "temporal_visibility 1.9→1.9"],
      ["1.29.7", "temporal 1.17→1.18", "temporal_visibility 1.9→1.9"],
      ["1.30.9", "temporal 1.18→1.18", "temporal_visibility 1.9→1.13"],
      ["1.31.5", "temporal 1.18→1.19", "temporal_visibility 1.13→1.14"],
      ["1.32.2", "temporal 1.19→1.19", "temporal_visibility 1.14→1.14"],
    ]);
    expect(plan.steps.map((step) => step.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it("changes the shape once, at 1.30, and pulls the images each step newly runs", () => {
    const plan = planUpgrade(configAt("1.22.0"), "1.32.2");
    expect(plan.steps.filter((step) => step.shapeChange).map((step) => step.version)).toEqual(["1.30.9"]);
    expect(plan.steps.map((step) => step.shape)).toEqual([
      ...Array(7).fill("auto-setup"),
      ...Array(3).fill("server-and-admin-tools"),
    ]);
    const images = Object.fromEntries(plan.steps.map((step) => [step.version, step.images]));
    expect(images["1.23.1"]).toEqual(["temporalio/auto-setup:1.23.1", "temporalio/ui:2.22.3"]);
    expect(images["1.24.3"]).toEqual(["temporalio/auto-setup:1.24.3"]);
    expect(images["1.30.9"]).toEqual(["temporalio/admin-tools:1.30.9", "temporalio/server:1.30.9"]);
    expect(images["1.32.2"]).toEqual([
      "temporalio/admin-tools:1.32.2",
      "temporalio/server:1.32.2",
      "temporalio/ui:2.54.1",
    ]);
    expect(plan.steps.at(-1)?.uiImage).toBe("temporalio/ui:2.54.1");
  });

  it("writes only the version, and the paired UI version when the config pins one", () => {
    const plain = planUpgrade(configAt("1.22.0"), "1.32.2");
    expect(plain.steps[0]?.configEdits).toEqual({ "services.temporal.version": "1.23.1" });
    expect(plain.startEdits).toEqual({ "services.temporal.version": "1.22.0" });
    const pinned = planUpgrade(configAt("1.22.0", { "services.temporal.ui_version": "2.19.0" }), "1.23.1");
    expect(pinned.steps[0]?.configEdits).toEqual({
      "services.temporal.version": "1.23.1",
      "services.temporal.ui_version": "2.22.3",
    });
    expect(pinned.startEdits).toEqual({
      "services.temporal.version": "1.22.0",
      "services.temporal.ui_version": "2.19.0",
    });
  });

  it("plans 1.30.9 to 1.32.2 in two steps on the same shape", () => {
    const plan = planUpgrade(configAt("1.30.9"), "1.32.2");
    expect(schemaOf(plan)).toEqual([
      ["1.31.5", "temporal 1.18→1.19", "temporal_visibility 1.13→1.14"],
      ["1.32.2", "temporal 1.19→1.19", "temporal_visibility 1.14→1.14"],
    ]);
    expect(plan.steps.some((step) => step.shapeChange)).toBe(false);
  });

  it("goes to a newer patch of the running minor in one step", () => {
    expect(planUpgrade(configAt("1.32.0"), "1.32.2").steps.map((step) => step.version)).toEqual(["1.32.2"]);
  });

  it("names the backup, an estimate with its basis, and the warning that there is no downgrade", () => {
    const plan = planUpgrade(configAt("1.22.0"), "1.32.2");
    expect(plan.backup.taken).toBe(true);
    expect(plan.warnings[0]).toBe(NO_DOWNGRADE_WARNING);
    expect(plan.warnings[0]).toMatch(/no downgrade.*restoring the backup/);
    expect(plan.estimate.seconds).toBe(plan.steps.reduce((sum, step) => sum + step.estimateSeconds, 0) + 20 + 15);
    expect(plan.estimate.basis).toMatch(/not measured on this machine/);
  });

  it("says a reused PostgreSQL is not backed up by Mycelium", () => {
    const plan = planUpgrade(configAt("1.30.9", { "services.postgres.reuse_existing": true }), "1.31.5");
    expect(plan.backup).toMatchObject({ taken: false, note: expect.stringMatching(/back up both databases yourself/) });
  });

  it.each([
    ["an older target", "1.30.9", "1.29.7", "bad_request:target_older", /older than 1\.30\.9.*no downgrade/],
    ["the running version", "1.30.9", "1.30.9", "bad_request:target_current", /already runs Temporal 1\.30\.9/],
    ["an unknown release", "1.22.0", "1.30.2", "bad_request:target_unknown", /not a 1\.30\.x release Mycelium knows/],
    ["a release newer than the table", "1.22.0", "1.31.9", "bad_request:target_unknown", /newer than 1\.31\.5/],
    ["a minor line", "1.22.0", "1.31", "bad_request:target_unknown", /names a minor line/],
    ["a retracted release", "1.22.0", "1.26.0", "bad_request:target_retracted", /retracted.*"Published accidentally/],
    ["a release without a reason", "1.22.0", "1.30.0", "bad_request:target_retracted", /retracted.*no reason given/],
  ])("refuses %s", (_what, from, to, code, message) => {
    const refusal = expect.objectContaining({ code, message: expect.stringMatching(message) });
    expect(() => planUpgrade(configAt(from), to)).toThrow(refusal);
  });

  it("refuses a target beyond the newest minor Mycelium deploys", () => {
    // A release the table may list one day, before Mycelium has checked its shape.
    const releases = TEMPORAL_RELEASES as TemporalRelease[];
    releases.push({ ...releases.at(-1)!, version: "1.33.0" });
    try {
      expect(() => planUpgrade(configAt("1.32.2"), "1.33.0")).toThrow(
        expect.objectContaining({
          code: "bad_request:target_not_deployable",
          hint: "Upgrade to 1.32.2, the newest release Mycelium can deploy.",
        }),
      );
    } finally {
      releases.pop();
    }
  });

  it("refuses a pinned server image, which every step would keep running", () => {
    const config = configAt("1.22.0", { "services.temporal.image": "registry.local/temporalio/auto-setup:1.22.0" });
    expect(() => planUpgrade(config, "1.23.1")).toThrow(expect.objectContaining({ code: "conflict:image_pinned" }));
  });

  it("refuses a stack whose deploys do not start containers: no step could be validated", () => {
    const config = configAt("1.22.0", { "deployment.auto_start": false });
    expect(() => planUpgrade(config, "1.23.1")).toThrow(expect.objectContaining({ code: "conflict:auto_start_off" }));
  });

  it("refuses a step whose config would be invalid, before anything changes", () => {
    const config = configAt("1.22.0", { "services.temporal.db_plugin": "postgresql" });
    expect(() => planUpgrade(config, "1.24.3")).toThrow(
      expect.objectContaining({
        code: "conflict:upgrade_step_invalid",
        message: expect.stringMatching(/^At Temporal 1\.24\.3 the config would be invalid/),
      }),
    );
  });
});

describe("deployedTemporalVersion", () => {
  const server = (image: string) => ({ service: "temporal", image }) as ServiceStatus;

  it("is the config's version when the server runs the image the config names", () => {
    expect(deployedTemporalVersion(configAt("1.22.0"), [server("temporalio/auto-setup:1.22.0")])).toBe("1.22.0");
    expect(deployedTemporalVersion(configAt("1.31.5"), [server("temporalio/server:1.31.5")])).toBe("1.31.5");
  });

  it("refuses a stack with no server, and a config that names another version than the one running", () => {
    const notDeployed = expect.objectContaining({ code: "conflict:not_deployed" });
    expect(() => deployedTemporalVersion(configAt("1.22.0"), [])).toThrow(notDeployed);
    expect(() => deployedTemporalVersion(configAt("1.32.2"), [server("temporalio/auto-setup:1.22.0")])).toThrow(
      expect.objectContaining({
        code: "conflict:config_not_deployed",
        message: expect.stringMatching(/runs temporalio\/auto-setup:1\.22\.0/),
      }),
    );
  });
});

describe("upgradeTargets", () => {
  it("offers every deployable release after the running one, newest first, without retracted ones", () => {
    expect(upgradeTargets("1.31.3")).toEqual(["1.32.2", "1.32.1", "1.32.0", "1.31.5", "1.31.4"]);
    expect(upgradeTargets("1.29.7")).toContain("1.30.1");
    expect(upgradeTargets("1.29.7")).not.toContain("1.30.0");
  });

  it("offers nothing on the newest release, and nothing for a version it cannot read", () => {
    expect(upgradeTargets("1.32.2")).toEqual([]);
    expect(upgradeTargets("latest")).toEqual([]);
  });
});
