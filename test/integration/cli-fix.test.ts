import { existsSync, promises as fs } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deploymentDirectory } from "../../lib/deploy/deployment-files";
import { callApi, runCli, startDashboard, waitForDeployEnd, type RunningDashboard } from "../support/dashboard-server";
import { docker, removeProject, requireTestImages, uniqueProjectName } from "../support/docker-fixtures";
import { writeStackConfig } from "../support/stack-config";

/**
 * `mycelium fix` on a real stack (the real Temporal server on the real Docker engine): what it
 * offers, what it refuses, and the dynamic-config fault repaired from the CLI until the report
 * is healthy again.
 */

const project = uniqueProjectName("it-cli-fix");
let dashboard: RunningDashboard;

/** The CLI against the dashboard's config, data and state, without a terminal. */
function cli(args: string[]) {
  return runCli(dashboard, args, { XDG_STATE_HOME: path.join(dashboard.home, "state") });
}

/** `mycelium validate` until it exits 0 (a fresh stack may still be settling). */
async function untilHealthy(timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = await cli(["validate"]);
    if (run.code === 0) return;
    if (Date.now() > deadline) throw new Error(`the stack did not turn healthy:\n${run.stdout}\n${run.stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 3000));
  }
}

beforeAll(async () => {
  await requireTestImages();
  dashboard = await startDashboard();
  process.env.XDG_DATA_HOME = path.join(dashboard.home, "data");
  await writeStackConfig(dashboard.configPath, { project, healthcheckTimeout: 90 });
  expect(await callApi(dashboard.url, "/api/deploy", { method: "POST" })).toHaveStatus(202);
  const deploy = await waitForDeployEnd(
    async () => (await callApi<{ deploy: { state: string } | null }>(dashboard.url, "/api/deploy/status")).body,
  );
  expect(deploy.state).toBe("succeeded");
  await untilHealthy();
});

afterAll(async () => {
  await dashboard?.stop();
  await removeProject(project);
  if (dashboard) await fs.rm(dashboard.home, { recursive: true, force: true });
});

describe("mycelium fix", () => {
  it("on a healthy stack: says there is no fix to offer and exits 0; an id exits 2", async () => {
    const list = await cli(["fix"]);
    expect(list.stderr).toBe("");
    expect(list.stdout.trim()).toBe("No fix to offer: every check passes.");
    expect(list.code).toBe(0);

    const unknown = await cli(["fix", "dynamic-config-missing", "--yes"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('There is no fix "dynamic-config-missing" on offer: the report offers none.');
  });

  it(
    "repairs Temporal without its dynamic config: offered, " + "refused without --yes, applied with it until healthy",
    async () => {
      const file = path.join(deploymentDirectory(project), "config", "dynamicconfig", "development-sql.yaml");
      await fs.rm(file);
      const temporal = docker.getContainer(`${project}-temporal`);
      await temporal.restart({ t: 5 });
      // Wait until Temporal has failed to start at least once, so its log says why.
      const deadline = Date.now() + 60_000;
      for (;;) {
        const { State, RestartCount } = await temporal.inspect();
        if (State.Restarting || RestartCount > 0 || !State.Running) break;
        if (Date.now() > deadline) throw new Error("Temporal kept running without its dynamic config");
        await new Promise((resolve) => setTimeout(resolve, 500));
      }

      const list = await cli(["fix"]);
      expect(list.code).toBe(0);
      expect(list.stdout).toMatch(/^ {2}dynamic-config-missing +Write the dynamic config file again and redeploy$/m);
      expect(list.stdout).toContain("Safe: writes the generated files again and redeploys; data is kept.");

      const validate = await cli(["validate"]);
      expect(validate.code).toBeGreaterThan(0);
      expect(validate.stdout).toContain(
        "Fix (dynamic-config-missing): Write the dynamic config file again and redeploy",
      );
      expect(validate.stdout).toContain("$ mycelium fix dynamic-config-missing");

      const unknown = await cli(["fix", "no-such-fix", "--yes"]);
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toMatch(
        /There is no fix "no-such-fix" on offer: the report offers dynamic-config-missing\b/,
      );

      const withoutYes = await cli(["fix", "dynamic-config-missing"]);
      expect(withoutYes.code).toBe(2);
      expect(withoutYes.stderr).toContain("pass --yes");
      expect(existsSync(file)).toBe(false);

      const started = Date.now();
      const fixed = await cli(["fix", "dynamic-config-missing", "--yes"]);
      console.log(
        `[figures] mycelium fix dynamic-config-missing (redeploy + re-check until healthy): ${Date.now() - started} ms`,
      );
      expect(fixed.stderr).toBe("");
      expect(fixed.stdout).toContain("▸ Write the dynamic config file again and redeploy");
      expect(fixed.stdout).toContain("▸ Running the report again");
      expect(fixed.stdout).toContain("✓ Fixed: every check passes again.");
      expect(fixed.stdout).toContain("✓ Deployment HEALTHY");
      expect(fixed.code).toBe(0);
      expect(existsSync(file)).toBe(true);
    },
    300_000,
  );
});
