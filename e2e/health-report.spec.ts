import { randomBytes } from "node:crypto";
import { existsSync, promises as fs } from "node:fs";
import path from "node:path";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { requireRoot, startDockerDaemonIfDown, stopDockerDaemon } from "../test/support/docker-daemon";
import { HealthPage } from "./pages/health-page";
import {
  allHealthy,
  configPath,
  deployAndWait,
  deploymentsDir,
  docker,
  readStatus,
  removeStack,
  requireEngine,
  writeTestStackConfig,
} from "./support/test-stack";

/**
 * The health report against a real stack on the real Docker engine (the product's default
 * images, the real Temporal server): one project deployed for the file (again if a test leaves
 * it broken), then broken on purpose and repaired through the page's one-click fixes.
 */

let project: string | null = null;
let api: APIRequestContext | null = null;
let base = "";

test.beforeAll(async ({ playwright }, testInfo) => {
  test.setTimeout(240_000);
  await requireEngine();
  base = testInfo.project.use.baseURL!;
  api = await playwright.request.newContext({
    baseURL: base,
    storageState: testInfo.project.use.storageState as string,
  });
  project = `e2e-health-${randomBytes(4).toString("hex")}`;
  await writeTestStackConfig(project);
  await deployAndWait(api, base, { alreadyRunningOk: true });
});

test.afterAll(async () => {
  test.setTimeout(120_000);
  if (api && project) await removeStack(api, base, project);
  await api?.dispose();
  project = null;
  api = null;
});

/** Each test starts from a healthy stack: a test that failed half-way is repaired by a redeploy. */
test.beforeEach(async ({ page }) => {
  test.setTimeout(240_000);
  if (!allHealthy(await readStatus(api!))) await deployAndWait(api!, base, { alreadyRunningOk: true });
  // The monitor's setting is per browser; each test starts with it off.
  await page.addInitScript(() => {
    if (!sessionStorage.getItem("health-e2e-keep")) localStorage.removeItem("mycelium.health.monitor");
  });
});

test("a healthy stack: every group green, healthy, can proceed, with details one click away", async ({ page }) => {
  const health = new HealthPage(page);
  await health.open();
  await health.expectStatus("healthy");
  await expect(health.overallLabel).toHaveText("Healthy");
  await expect(health.overall).toContainText("can proceed");
  await expect(health.totalDuration).toHaveText(/^\d+\.\d s$/);
  for (const group of ["postgres", "temporal", "ui", "integration", "containers"] as const) {
    await expect(health.group(group)).toHaveAttribute("data-status", "pass");
  }
  await expect(health.group("postgres")).toContainText("PostgreSQL");
  await expect(health.page.locator('[data-testid^="check-"][data-status]:not([data-status="pass"])')).toHaveCount(0);
  await expect(health.rootCause).toHaveCount(0);
  await expect(health.checkMessage("postgres.port")).toContainText("is open on 127.0.0.1");
  await expect(health.checkMessage("container.postgres")).toContainText(`${project}-postgres is running and healthy`);

  // The detail is one click away, behind a disclosure.
  const details = health.details("container.temporal");
  await expect(details).toHaveAttribute("aria-expanded", "false");
  await details.click();
  await expect(details).toHaveAttribute("aria-expanded", "true");
  await expect(health.check("container.temporal")).toContainText("state running, health healthy");

  // The first load ran the report by itself, and the timeline shows that run.
  expect(await health.settledRunCount()).toBeGreaterThanOrEqual(1);
  await expect(health.ticks.last()).toHaveAttribute("data-status", "healthy");
  await page.screenshot({ path: "test-results/e2e/health-healthy.png", fullPage: true });
});

test(
  "PostgreSQL stopped: the root cause names it, its " + "dependants are skipped, and one click makes it green again",
  async ({ page, context }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    docker(["stop", `${project}-postgres`]);
    const health = new HealthPage(page);
    // As the logs page links: straight to the diagnosis.
    await health.open("#postgres-connection-refused");
    await health.expectStatus("unhealthy");
    await expect(health.overall).toContainText("cannot proceed");

    await expect(health.rootCause).toHaveAttribute("data-diagnosis", "postgres-connection-refused");
    await expect(health.rootCause.getByRole("heading", { level: 2 })).toHaveText("PostgreSQL connection refused");
    await expect(health.rootCause).toContainText(/connection refused/);
    await expect(health.rootCause).toContainText("What happened");
    await expect(health.rootCause).toContainText("Nothing accepts connections on PostgreSQL's port.");
    await expect(health.rootCause).toBeFocused();
    // The root cause comes first: before any other diagnosis and before the checks.
    const order = await page.evaluate(() => {
      const ids = [
        ...document.querySelectorAll(
          "[data-testid='root-cause'], [data-testid^='diagnosis-'], [data-testid^='group-']",
        ),
      ].map((e) => e.getAttribute("data-testid"));
      return ids;
    });
    expect(order[0]).toBe("root-cause");

    await expect(health.check("postgres.port")).toHaveAttribute("data-status", "fail");
    await expect(health.checkMessage("postgres.port")).toContainText("not reachable");
    for (const id of [
      "postgres.auth",
      "postgres.schema.main",
      "integration.temporal-connections",
      "integration.persistence",
    ]) {
      await expect(health.check(id)).toHaveAttribute("data-status", "skip");
      await expect(health.checkMessage(id)).toHaveText(/^skipped: .*not reachable/);
    }
    await health.details("postgres.auth").click();
    await expect(health.check("postgres.auth")).toContainText("Skipped because PostgreSQL");

    // Commands to copy.
    const command = `docker logs ${project}-postgres --tail 50`;
    const copy = health.rootCause.getByRole("button", { name: `Copy: ${command}` });
    await copy.click();
    await expect(copy).toHaveText("Copied");
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(command);

    // The safe fix: start the PostgreSQL container again (or a redeploy).
    await expect(health.fixButton).toHaveAttribute("data-fix", /^(restart-container|redeploy)$/);
    await expect(health.fixButton).toContainText(/PostgreSQL|Redeploy/);
    await page.screenshot({ path: "test-results/e2e/health-postgres-stopped.png", fullPage: true });

    await health.fixButton.click();
    await expect(health.fixProgress).toBeVisible();
    // No click from here on: the report runs again by itself.
    await health.expectStatus("healthy", { timeout: 90_000 });
    await expect(health.fixResult).toHaveAttribute("data-tone", "success");
    await expect(health.fixResult).toContainText("Fixed: every check passes again.");
    await expect(health.rootCause).toHaveCount(0);
    expect(docker(["inspect", "--format", "{{.State.Status}}", `${project}-postgres`])).toBe("running");
    await page.screenshot({ path: "test-results/e2e/health-postgres-fixed.png", fullPage: true });
  },
);

test(
  "Temporal without its dynamic config: the diagnosis " + "offers to regenerate it, and the redeploy makes it green",
  async ({ page }) => {
    test.setTimeout(300_000);
    const file = path.join(deploymentsDir, project!, "config", "dynamicconfig", "development-sql.yaml");
    await fs.rm(file);
    docker(["restart", `${project}-temporal`]);
    // Wait until Temporal has failed to start at least once, so its log says why.
    await expect
      .poll(() => docker(["inspect", "--format", "{{.State.Status}} {{.RestartCount}}", `${project}-temporal`]), {
        timeout: 60_000,
      })
      .toMatch(/^restarting|^\S+ [1-9]/);

    const health = new HealthPage(page);
    await health.open();
    // The first report names the cause, whichever moment of the crash loop it catches.
    await health.expectStatus("unhealthy");
    await expect(health.rootCause).toHaveAttribute("data-diagnosis", "dynamic-config-missing");
    await expect(health.rootCause.getByRole("heading", { level: 2 })).toHaveText("Dynamic config file missing");
    await expect(health.rootCause).toContainText("Unable to create dynamic config client");
    await expect(health.fixButton).toHaveAttribute("data-fix", "regenerate-dynamic-config");
    await expect(health.fixButton).toHaveText("Write the dynamic config file again and redeploy");
    // Between two attempts or running again, it is judged by its crash, in the crash's own words.
    await expect(health.check("container.temporal")).toHaveAttribute("data-status", "fail");
    await expect(health.checkMessage("container.temporal")).toContainText(
      // eslint-disable-next-line max-len
      /is crash-looping: it crashed \d+ times? \(exit code \d+\) and has not been healthy since: .*Unable to create dynamic config client/,
    );
    await expect(health.group("temporal")).toHaveAttribute("data-status", "fail");
    await page.screenshot({ path: "test-results/e2e/health-dynamic-config-missing.png", fullPage: true });

    // One click, at once: the fix starts Temporal afresh whatever moment of the crash loop it is in.
    await health.fixButton.click();
    // The redeploy is followed on its event stream, then the report runs again by itself.
    await expect(health.fixProgress).toHaveAttribute("data-phase", /applying|deploying|checking/);
    await health.expectStatus("healthy", { timeout: 180_000 });
    await expect(health.fixResult).toHaveAttribute("data-tone", "success");
    await expect(health.rootCause).toHaveCount(0);
    expect(existsSync(file)).toBe(true);
    await page.screenshot({ path: "test-results/e2e/health-dynamic-config-fixed.png", fullPage: true });
  },
);

test(
  "namespaces: register one, listed with its retention; a " +
    "taken name and a too-short retention are refused clearly",
  async ({ page }) => {
    const health = new HealthPage(page);
    await health.open();
    await expect(health.namespaceRow("default")).toContainText("registered");

    await health.registerNamespace("e2e-ns", "24", "made by the e2e test");
    await expect(health.namespaceNotice).toContainText("Registered namespace e2e-ns");
    await expect(health.namespaceRow("e2e-ns")).toContainText("24 h");
    await expect(health.namespaceRow("e2e-ns")).toContainText("registered");
    await expect(health.namespaceRow("e2e-ns")).toContainText("made by the e2e test");

    await health.registerNamespace("e2e-ns", "24");
    await expect(health.namespaceNotice.getByRole("alert")).toContainText("Namespace e2e-ns already exists.");

    // Blocked in the browser, with the reason next to the field…
    await health.registerNamespace("e2e-short", "0");
    await expect(health.retentionError).toContainText("at least 1");
    await expect(health.namespaceRetention).toHaveAttribute("aria-invalid", "true");
    await expect(health.namespaceRow("e2e-short")).toHaveCount(0);
    // …and refused by the server all the same.
    const refused = await page.request.post("/api/namespaces", {
      data: { name: "e2e-short", retentionHours: 0 },
      headers: { origin: new URL(page.url()).origin },
    });
    expect(refused.status(), await refused.text()).toBe(400);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/retention/i);
    await page.screenshot({ path: "test-results/e2e/health-namespaces.png", fullPage: true });
  },
);

test("continuous monitoring runs again by itself at the chosen interval, and the setting survives a reload", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const health = new HealthPage(page);
  await health.open();
  await health.expectStatus("healthy");
  await expect(health.monitorToggle).not.toBeChecked();
  await expect(health.monitorInterval).toHaveValue("60");
  const before = await health.settledRunCount();

  await health.monitorInterval.selectOption({ label: "15 s" });
  await health.monitorToggle.check();
  await expect(health.monitorState).toContainText("every 15 s");
  // A second run appears in the timeline without any click.
  await expect(health.timeline).toHaveAttribute("data-count", String(before + 1), { timeout: 25_000 });
  await expect(health.ticks.last()).toHaveAttribute("data-status", "healthy");
  // A tick tells its time and status on focus.
  await health.ticks.last().focus();
  await expect(health.ticks.last()).toHaveAttribute("aria-label", /: healthy · can proceed/);
  await expect(health.ticks.last().locator("xpath=following-sibling::span")).toBeVisible();
  await page.screenshot({ path: "test-results/e2e/health-monitoring.png", fullPage: true });

  await page.evaluate(() => sessionStorage.setItem("health-e2e-keep", "1"));
  await page.reload();
  await expect(health.monitorToggle).toBeChecked();
  await expect(health.monitorInterval).toHaveValue("15");
  await health.monitorToggle.uncheck();
  await expect(health.monitorState).toContainText("Off");
});

test("no config and a stopped Docker engine are explained, with the way out", async ({ page }) => {
  test.setTimeout(240_000);
  requireRoot();
  const health = new HealthPage(page);
  // Without a config file (the real one is set aside for the other tests).
  const aside = `${configPath}.aside`;
  await fs.rename(configPath, aside);
  try {
    await health.open();
    await expect(health.problem).toContainText("There is no config yet");
    await expect(health.problem.getByRole("link", { name: "Create the config" })).toHaveAttribute("href", "/config");
    await expect(health.overall).toHaveCount(0);
  } finally {
    await fs.rename(aside, configPath);
  }

  // The engine stopped for real: the report still runs what needs no engine, and says why the
  // containers are unknown, with the command to start it. Its containers went down with it.
  await stopDockerDaemon({ wait: true });
  const dockerDown = page.getByRole("status").filter({ hasText: "Docker is not answering" });
  try {
    await health.problem.getByRole("button", { name: "Try again" }).click();
    await health.expectStatus("unhealthy");
    await expect(dockerDown).toContainText("Docker is not running: there is no Docker socket.");
    await expect(dockerDown.locator("code")).toHaveText("sudo systemctl start docker");
    await expect(health.rootCause).toHaveAttribute("data-diagnosis", "postgres-connection-refused");
    await page.screenshot({ path: "test-results/e2e/health-docker-down.png", fullPage: true });
  } finally {
    await startDockerDaemonIfDown();
  }

  // The stack comes back by its restart policy; once it is up, the report is green again.
  await expect.poll(async () => allHealthy(await readStatus(api!)), { timeout: 180_000, intervals: [1000] }).toBe(true);
  await health.runAgain.click();
  await health.expectStatus("healthy");
  await expect(dockerDown).toHaveCount(0);
});
