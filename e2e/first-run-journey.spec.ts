import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { promises as fs } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { NEWCOMER_VERSIONS } from "../lib/config/newcomer-defaults";
import { DeployPage } from "./pages/deploy-page";
import { HealthPage } from "./pages/health-page";
import { configPath, deploymentsDir, freePorts, removeStack } from "./support/test-stack";

/**
 * A newcomer's first run, from an empty config directory to a green health report, taking
 * every default except the image overrides this machine needs (no registry here) and free
 * ports (other tests run beside it). Prints the time from the first click on Deploy to the
 * green report, and each page's first-load JavaScript.
 */

const project = `e2e-newcomer-${randomBytes(3).toString("hex")}`;
const shots = "test-results/e2e/first-run";
/** The goal for each page's first-load JavaScript, gzipped. */
const FIRST_LOAD_BUDGET_KB = 150;

/**
 * JavaScript this page's load needed, compressed as sent (resource timing's encodedBodySize),
 * counting scripts that finished before the load event: later ones are Next's prefetches of
 * other routes.
 */
async function firstLoadJavaScript(page: Page, url: string): Promise<number> {
  await page.goto("about:blank");
  await page.goto(url, { waitUntil: "load" });
  return page.evaluate(() => {
    const navigation = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
    return performance
      .getEntriesByType("resource")
      .map((entry) => entry as PerformanceResourceTiming)
      .filter((entry) => entry.initiatorType === "script" && entry.responseEnd <= navigation.loadEventStart)
      .reduce((sum, entry) => sum + entry.encodedBodySize, 0);
  });
}

test.afterAll(async ({ request }) => {
  await removeStack(request, test.info().project.use.baseURL!, project);
});

test("a newcomer goes from no config to a green health report", async ({ page }) => {
  test.setTimeout(180_000);
  await fs.rm(configPath, { force: true });

  // "/" without a config leads into the setup.
  await page.goto("/");
  await expect(page).toHaveURL(/\/setup/);
  await expect(page.getByText(/✓ Docker .* is running/)).toBeVisible();
  await page.screenshot({ path: `${shots}/1-docker.png`, fullPage: true });
  await page.getByRole("button", { name: "Next" }).click();

  // Project and ports: the defaults, but ports that are free on this busy machine.
  await expect(page).toHaveURL(/step=project/);
  await page.getByLabel("Project name").fill(project);
  const [postgresPort, frontendPort, uiPort] = await freePorts(3);
  const ports = { "PostgreSQL port": postgresPort, "Temporal gRPC port": frontendPort, "Temporal UI port": uiPort };
  for (const [label, port] of Object.entries(ports)) await page.getByLabel(label).fill(String(port));
  await expect(page.getByTestId("port-hint-postgresPort")).toHaveText("free");
  // The default images: pulled from the registry (the local mirror here) as for any newcomer.
  await page.screenshot({ path: `${shots}/2-project.png`, fullPage: true });
  // A reload keeps the answers.
  await page.reload();
  await expect(page.getByLabel("Project name")).toHaveValue(project);
  await page.getByRole("button", { name: /^Next/ }).click();

  // Versions: the newest release and PostgreSQL 16, with their compatibility verdict; the
  // guide's 1.22.0 is one choice away.
  await expect(page).toHaveURL(/step=versions/);
  await expect(page.getByLabel("Temporal server")).toHaveValue(NEWCOMER_VERSIONS.temporal);
  await expect(page.getByLabel("Temporal server").locator("option", { hasText: /^1\.22\.0$/ })).toHaveCount(1);
  await expect(page.getByTestId("compat-hint")).toContainText("PostgreSQL 16 is tested with Temporal 1.32");
  await page.screenshot({ path: `${shots}/3-versions.png`, fullPage: true });
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page).toHaveURL(/step=review/);
  // Back and forward keep the user's place.
  await page.goBack();
  await expect(page).toHaveURL(/step=versions/);
  await page.goForward();
  await expect(page).toHaveURL(/step=review/);
  await page.screenshot({ path: `${shots}/4-review.png`, fullPage: true });
  await page.getByRole("button", { name: "Create the config and review the deploy" }).click();

  // The deploy wizard's plan, then Deploy.
  const deploy = new DeployPage(page);
  await deploy.expectStep("plan");
  expect(await fs.readFile(configPath, "utf8")).toContain(`project_name: ${project}`);
  await page.screenshot({ path: `${shots}/5-plan.png`, fullPage: true });
  const clickedDeploy = Date.now();
  await deploy.deployButton.click();
  await deploy.waitForDeployEnd(120_000);
  await page.screenshot({ path: `${shots}/6-done.png`, fullPage: true });

  // The health report, green.
  await page.getByRole("link", { name: "Open the health report" }).click();
  const health = new HealthPage(page);
  await health.expectStatus("healthy", { timeout: 60_000 });
  const toGreen = (Date.now() - clickedDeploy) / 1000;
  await page.screenshot({ path: `${shots}/7-health.png`, fullPage: true });

  // The newest release in its own shape: the jobs completed and the server answered.
  await expect(health.check("container.temporal-schema")).toHaveAttribute("data-status", "pass");
  await expect(health.check("container.temporal-namespace")).toHaveAttribute("data-status", "pass");
  await expect(health.checkMessage("temporal.version")).toContainText(NEWCOMER_VERSIONS.temporal);

  // The overview now says all is good.
  await page.goto("/");
  await expect(page.getByTestId("next-step")).toHaveAttribute("data-kind", "all-good");
  await page.screenshot({ path: `${shots}/8-overview.png`, fullPage: true });

  const sizes: string[] = [];
  const overBudget: string[] = [];
  for (const url of ["/", "/setup", "/config", "/deploy", "/health", "/logs"]) {
    const kilobytes = (await firstLoadJavaScript(page, url)) / 1024;
    sizes.push(`${url} ${kilobytes.toFixed(1)} KB`);
    if (kilobytes > FIRST_LOAD_BUDGET_KB) overBudget.push(`${url} ${kilobytes.toFixed(1)} KB`);
  }
  console.log(`first-run: Deploy click → green report in ${toGreen.toFixed(1)} s`);
  console.log(`first-load JavaScript (gzipped, as sent): ${sizes.join(", ")}`);
  test.info().annotations.push({ type: "deploy-to-green-seconds", description: toGreen.toFixed(1) }, { type: "first-load-js", description: sizes.join(", ") });
  // A budget, not a timing: the same build always sends the same bytes.
  expect(overBudget, `first-load JavaScript over ${FIRST_LOAD_BUDGET_KB} KB`).toEqual([]);
});

test("one click on the health page downloads a support bundle without the password", async ({ page }) => {
  test.setTimeout(60_000);
  await page.goto("/health");
  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download a support bundle" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^mycelium-support-.*\.tar\.gz$/);
  const file = path.join(shots, download.suggestedFilename());
  await download.saveAs(file);
  const listing = execFileSync("tar", ["-tzf", file], { encoding: "utf8" });
  expect(listing).toMatch(/\/report\.json\n/);
  expect(listing).toMatch(/\/config\.yaml\n/);
  const contents = execFileSync("tar", ["-xzOf", file], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  // The deploy of the first test wrote the password there: without it the check below would
  // prove nothing, so a missing file (readFile rejects) or key fails the test.
  const envFile = path.join(deploymentsDir, project, ".env");
  const password = /^POSTGRES_PASSWORD=(.*)$/m.exec(await fs.readFile(envFile, "utf8"))?.[1]?.trim();
  expect(password, `POSTGRES_PASSWORD in ${envFile}`).toMatch(/^[A-Za-z0-9]{32}$/);
  expect(contents).not.toContain(password!);
  await expect(page.getByRole("status").filter({ hasText: "Saved mycelium-support-" })).toBeVisible();
});
