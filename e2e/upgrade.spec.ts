import { randomBytes } from "node:crypto";
import { promises as fs } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { requireImages } from "../test/support/docker-fixtures";
import {
  CURRENT_RELEASE,
  CURRENT_RELEASE_IMAGES,
  PREVIOUS_RELEASE,
  PREVIOUS_RELEASE_IMAGES,
} from "../test/support/stack-config";
import { UpgradePage } from "./pages/upgrade-page";
import {
  allHealthy,
  dataHome,
  deployAndWait,
  readStatus,
  removeStack,
  requireEngine,
  writeTestStackConfig,
} from "./support/test-stack";

/**
 * Issue #22 in the browser: a stack on Temporal 1.31.2 (PostgreSQL 15.3, see PREVIOUS_RELEASE)
 * upgraded to 1.32.2 from the Upgrade page, left while it runs and found again, finished, in the history and the
 * overview, and running 1.32.2 as the engine says. The UI is pinned to the test images' 2.54.1
 * at both versions (1.31.2's own pairing, 2.52.0, is not among them).
 */

let project: string | null = null;

test.afterEach(async ({ page, baseURL }) => {
  if (!project) return;
  await removeStack(page.request, baseURL!, project);
  // The backup taken before the upgrade lives outside the deployment.
  await fs.rm(path.join(dataHome, "mycelium", "backups", project), { recursive: true, force: true });
  project = null;
});

test("plans an upgrade from 1.31.2 to 1.32.2, starts it, leaves, comes back and sees it finish", async ({
  page,
  baseURL,
}) => {
  test.setTimeout(720_000);
  await requireEngine();
  await requireImages([
    ...Object.values(PREVIOUS_RELEASE_IMAGES),
    CURRENT_RELEASE_IMAGES.temporal,
    CURRENT_RELEASE_IMAGES.adminTools,
  ]);
  project = `e2e-upgrade-${randomBytes(4).toString("hex")}`;
  await writeTestStackConfig(project, { versions: PREVIOUS_RELEASE });
  await deployAndWait(page.request, baseURL!, { timeout: 240_000 });
  const before = await readStatus(page.request);
  expect(before.services.find((s) => s.service === "temporal")?.image).toBe(
    `temporalio/server:${PREVIOUS_RELEASE.temporal}`,
  );

  // From the Maintenance page to the upgrade's own page.
  await page.goto("/maintenance");
  await page.getByRole("region", { name: "Upgrade Temporal" }).getByRole("link", { name: "Plan an upgrade" }).click();
  const upgrade = new UpgradePage(page);
  await upgrade.expectOpen();
  await expect(upgrade.current).toContainText(`${project} runs Temporal ${PREVIOUS_RELEASE.temporal}`);

  // The plan: one step (one minor), its schema for both databases, the images it pulls, the
  // estimate, the backup taken first and the plain no-downgrade warning.
  await expect(upgrade.target).toHaveValue(CURRENT_RELEASE.temporal);
  await upgrade.target.selectOption(CURRENT_RELEASE.temporal);
  await expect(upgrade.plan).toContainText(
    `Temporal ${PREVIOUS_RELEASE.temporal} → ${CURRENT_RELEASE.temporal}: 1 step`,
  );
  await expect(upgrade.plan.locator("[data-testid^='plan-step-']")).toHaveCount(1);
  const step = upgrade.planStep(CURRENT_RELEASE.temporal);
  await expect(step).toContainText(`Step 1: Temporal ${CURRENT_RELEASE.temporal}`);
  await expect(step).toContainText("temporalio/server + admin-tools");
  await expect(step).toContainText("temporal 1.19 (unchanged)");
  await expect(step).toContainText("temporal_visibility 1.14 (unchanged)");
  await expect(step).toContainText(`temporalio/server:${CURRENT_RELEASE.temporal}`);
  await expect(step).toContainText(`temporalio/admin-tools:${CURRENT_RELEASE.temporal}`);
  await expect(step).not.toContainText("shape change");
  await expect(upgrade.plan).toContainText(/About \d+ (s|min)\b/);
  const warnings = upgrade.plan.getByRole("note", { name: "Warnings" });
  await expect(warnings).toContainText("There is no downgrade");
  await expect(warnings).toContainText("A backup of both databases is taken first");
  await page.screenshot({ path: "test-results/e2e/upgrade-plan.png", fullPage: true });

  // Start: the checks pass (a healthy stack), then the step runs.
  await upgrade.startButton(CURRENT_RELEASE.temporal).click();
  await expect(page.getByRole("heading", { name: `Upgrading to Temporal ${CURRENT_RELEASE.temporal}` })).toBeVisible({
    timeout: 120_000,
  });
  await expect(upgrade.step(1)).toContainText(`Step 1 of 1: Temporal ${CURRENT_RELEASE.temporal}`, {
    timeout: 120_000,
  });

  // Leave for the overview, then come back with a fresh load: the page re-attaches and replays.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Overview" }).click();
  await expect(page.getByTestId("next-step")).toBeVisible();
  await page.goto("/upgrade");
  await upgrade.expectOpen();
  await expect(upgrade.step(1)).toContainText(`Temporal ${CURRENT_RELEASE.temporal}`, { timeout: 30_000 });
  await expect(upgrade.progress.getByRole("list", { name: "Upgrade phases" })).toContainText(
    "Backing up both databases first",
  );

  // It finishes: the step healthy, the runner's sentence, the history line.
  await expect(upgrade.succeeded(CURRENT_RELEASE.temporal)).toBeVisible({ timeout: 420_000 });
  await expect(upgrade.failure()).toHaveCount(0);
  await expect(upgrade.step(1)).toHaveAttribute("data-stage", "succeeded");
  const entry = upgrade.history.getByTestId("upgrade-history-entry").first();
  await expect(entry).toHaveAttribute("data-state", "succeeded");
  await expect(entry).toContainText(`Temporal ${PREVIOUS_RELEASE.temporal} → ${CURRENT_RELEASE.temporal}, succeeded`);
  await expect(entry).toContainText("taken first");
  // There is nothing newer to offer now.
  await expect(upgrade.current).toContainText(
    `runs Temporal ${CURRENT_RELEASE.temporal}, the newest release Mycelium can deploy`,
  );
  await page.screenshot({ path: "test-results/e2e/upgrade-done.png", fullPage: true });

  // The overview shows the last upgrade, with a link back.
  await page.goto("/");
  const last = page.getByTestId("last-upgrade");
  await expect(last).toContainText(`Temporal ${PREVIOUS_RELEASE.temporal} → ${CURRENT_RELEASE.temporal} · succeeded`);
  await expect(last).toHaveAttribute("data-state", "succeeded");
  await expect(page.getByRole("link", { name: "Open the upgrade page" })).toHaveAttribute("href", "/upgrade");

  // What runs, as the dashboard's status reads it from the engine.
  const after = await readStatus(page.request);
  expect(after.services.find((s) => s.service === "temporal")?.image).toBe(
    `temporalio/server:${CURRENT_RELEASE.temporal}`,
  );
  expect(allHealthy(after)).toBe(true);
});
