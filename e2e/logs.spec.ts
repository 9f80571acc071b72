import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { promises as fs } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { LogsPage } from "./pages/logs-page";

/**
 * The log viewer in Chromium against the real engine: busybox containers labelled as the
 * configured project's `postgres` and `temporal` services write known lines.
 */

const configPath = path.join(process.env.E2E_HOME!, "config", "mycelium", "config.yaml");
const project = `e2e-logs-${randomBytes(4).toString("hex")}`;
const BUSYBOX = "mycelium-test/busybox:latest";

const POSTGRES_SCRIPT = [
  `printf '\\033[31mred alert\\033[0m and \\033[1;32mbold green\\033[0m\\n'`,
  'i=0; while true; do echo "out i$i"; echo "err i$i" >&2; i=$((i+1)); sleep 0.05; done',
].join("; ");
const TEMPORAL_SCRIPT = [
  "long=$(seq -s , 1 120)",
  'i=0; while true; do echo "level=info msg=tick n=$i"; if [ $((i % 5)) -eq 0 ]; then echo "level=error ' +
    'msg=\\"unable to connect\\" n=$i"; echo "level=info msg=long n=$i values=$long"; fi; i=$((i+1)); sleep 0.2; ' +
    "done",
].join("; ");

function docker(args: string[]): string {
  return execFileSync("docker", args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();
}

function startWriter(service: string, script: string): void {
  docker([
    "run",
    "-d",
    "--name",
    `${project}-${service}`,
    "--label",
    `com.docker.compose.project=${project}`,
    "--label",
    `com.docker.compose.service=${service}`,
    "--label",
    "com.docker.compose.oneoff=False",
    BUSYBOX,
    "sh",
    "-c",
    script,
  ]);
}

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  await fs.mkdir(path.dirname(configPath), { recursive: true });
  await fs.writeFile(configPath, `version: "1.0"\nproject_name: ${project}\n`);
  startWriter("postgres", POSTGRES_SCRIPT);
  startWriter("temporal", TEMPORAL_SCRIPT);
});

test.afterAll(async () => {
  const ids = docker(["ps", "-aq", "--filter", `label=com.docker.compose.project=${project}`])
    .split("\n")
    .filter(Boolean);
  if (ids.length) docker(["rm", "-f", ...ids]);
  await fs.rm(configPath, { force: true });
});

test.beforeEach(async ({ page }) => {
  // Each test starts from the default settings.
  await page.addInitScript(() => {
    if (!sessionStorage.getItem("logs-e2e-keep")) localStorage.removeItem("mycelium.logs.settings.v1");
  });
});

test("merged lines arrive live with coloured service prefixes, ANSI colours and error highlights", async ({ page }) => {
  const logs = new LogsPage(page);
  await logs.open();
  await expect(logs.row(/out i\d+/).first()).toBeVisible();
  await expect(logs.row(/level=info/).first()).toBeVisible({ timeout: 10_000 });

  const postgresRow = logs.row(/out i\d+/).last();
  await expect(postgresRow).toHaveAttribute("data-service", "postgres");
  await expect(postgresRow.locator("span").first()).toHaveText("postgres");
  await expect(postgresRow.locator("span").first()).toHaveCSS("color", "rgb(96, 165, 250)");
  await expect(
    logs
      .row(/level=info/)
      .last()
      .locator("span")
      .first(),
  ).toHaveCSS("color", "rgb(74, 222, 128)");
  await expect(logs.row(/err i\d+/).last()).toHaveAttribute("data-stream", "stderr");

  // New lines keep coming while following.
  const count = async () =>
    Number((await page.getByTestId("log-counts").textContent())!.match(/of ([\d,]+) lines/)![1]!.replace(/,/g, ""));
  const before = await count();
  await expect.poll(count).toBeGreaterThan(before + 20);

  // ANSI escapes become styled spans; the raw escape never shows.
  await logs.filter.fill("red alert");
  const ansiRow = logs.row("red alert");
  await expect(ansiRow).toHaveCount(1);
  await expect(ansiRow.locator('[data-ansi-fg="31"]')).toHaveText("red alert");
  await expect(ansiRow.locator('[data-ansi-fg="31"]')).toHaveCSS("color", "rgb(248, 113, 113)");
  await expect(ansiRow.locator('[data-ansi-fg="32"][data-ansi-bold="true"]')).toHaveCSS("font-weight", "700");
  await expect(ansiRow).not.toContainText("[31m");

  // level=error lines are highlighted; info lines are not.
  await logs.filter.fill("level=");
  await expect(logs.row("level=error").first()).toHaveAttribute("data-error", "true");
  await expect(logs.row("level=info").first()).not.toHaveAttribute("data-error");
  await page.screenshot({ path: "test-results/e2e/logs-viewer.png", fullPage: true });
});

test("filters by text, by regex (with an inline message for a bad one) and by stream", async ({ page }) => {
  const logs = new LogsPage(page);
  await logs.open();
  await expect(logs.row(/out i\d+/).first()).toBeVisible();

  await logs.filter.fill("i1");
  await expect.poll(async () => (await logs.renderedTexts()).length).toBeGreaterThan(0);
  expect((await logs.renderedTexts()).every((text) => text.includes("i1"))).toBe(true);

  await logs.regex.check();
  await logs.filter.fill("^err i\\d*7$");
  await expect(
    page
      .getByTestId("log-text")
      .filter({ hasText: /^err i\d*7$/ })
      .first(),
  ).toBeVisible();
  for (const text of await logs.renderedTexts()) expect(text).toMatch(/^err i\d*7$/);

  await logs.filter.fill("(unclosed");
  await expect(page.getByRole("alert").filter({ hasText: "Invalid regular expression" })).toBeVisible();
  await expect(logs.filter).toHaveAttribute("aria-invalid", "true");
  await logs.filter.fill("");
  await expect(page.getByRole("alert").filter({ hasText: "Invalid regular expression" })).toHaveCount(0);

  await logs.stdout.uncheck();
  await expect(logs.row(/err i\d+/).first()).toBeVisible();
  await expect(logs.rows.and(logs.page.locator('[data-stream="stdout"]'))).toHaveCount(0);
  await logs.stdout.check();
  await logs.stderr.uncheck();
  await expect(logs.rows.and(logs.page.locator('[data-stream="stderr"]'))).toHaveCount(0);
  await expect(logs.row(/out i\d+/).first()).toBeVisible();

  // One service only.
  await logs.stderr.check();
  await logs.service("temporal").uncheck();
  await expect(logs.connection).toHaveText("Live");
  await expect(logs.row(/out i\d+/).first()).toBeVisible();
  await expect(logs.rows.and(logs.page.locator('[data-service="temporal"]'))).toHaveCount(0);
});

test("follow pauses when scrolling up, counts new lines, and resumes at the bottom", async ({ page }) => {
  const logs = new LogsPage(page);
  await logs.open();
  // Enough lines to scroll: the 500-line backlog is there at once.
  await expect.poll(async () => logs.scroller.evaluate((e) => e.scrollHeight - e.clientHeight)).toBeGreaterThan(1000);
  await expect(logs.jumpToLatest).toHaveCount(0);

  await logs.scrollBy(-600);
  await expect(logs.jumpToLatest).toBeVisible();
  const firstRow = async () => (await logs.renderedTexts())[25];
  const anchor = await logs.scroller.evaluate((e) => e.scrollTop);
  const reading = await firstRow();
  // New lines arrive but the view stays where the user is reading.
  await expect(logs.jumpToLatest).toHaveText(/Jump to latest \(\d+ new\)/, { timeout: 10_000 });
  await page.waitForTimeout(1_000);
  expect(Math.abs((await logs.scroller.evaluate((e) => e.scrollTop)) - anchor)).toBeLessThan(2);
  expect(await firstRow()).toBe(reading);
  const newCount = Number((await logs.jumpToLatest.textContent())!.match(/\((\d+) new\)/)![1]);
  expect(newCount).toBeGreaterThan(5);

  // Scrolling back to the bottom resumes following.
  // Lines keep arriving while the scroll lands, so reach the bottom the way a user does: until it sticks.
  await expect(async () => {
    await logs.scrollToBottom();
    await expect(logs.jumpToLatest).toHaveCount(0, { timeout: 500 });
  }).toPass({ timeout: 10_000 });
  await page.waitForTimeout(500);
  const atBottom = () => logs.scroller.evaluate((e) => e.scrollHeight - e.scrollTop - e.clientHeight < 30);
  await expect.poll(atBottom).toBe(true);

  // And the button does the same.
  await logs.scrollBy(-400);
  await expect(logs.jumpToLatest).toBeVisible();
  await logs.jumpToLatest.click();
  await expect(logs.jumpToLatest).toHaveCount(0);
  await page.waitForTimeout(500);
  await expect.poll(atBottom).toBe(true);
});

test("wrap shows long lines whole, on as many rows as they need", async ({ page }) => {
  const logs = new LogsPage(page);
  await logs.open();
  await logs.filter.fill("msg=long");
  const row = logs.row("msg=long").first();
  await expect(row).toBeVisible({ timeout: 10_000 });
  expect((await row.boundingBox())!.height).toBe(20);
  await logs.wrap.check();
  await expect.poll(async () => (await row.boundingBox())!.height).toBeGreaterThan(20);
  // Every rendered row is tall enough for its wrapped text: nothing clipped, no overlap.
  const fits = await page.getByTestId("log-row").evaluateAll((rows) =>
    rows.map((r) => {
      const text = r.querySelector('[data-testid="log-text"]') as HTMLElement;
      return text.scrollHeight <= r.clientHeight + 1 && r.clientHeight - text.scrollHeight < 20;
    }),
  );
  expect(fits.length).toBeGreaterThan(0);
  expect(fits.every(Boolean)).toBe(true);
  await page.screenshot({ path: "test-results/e2e/logs-wrap.png" });
});

test("remembers services, filters and toggles across a reload", async ({ page }) => {
  const logs = new LogsPage(page);
  await logs.open();
  await logs.service("temporal").uncheck();
  await logs.filter.fill("err");
  await logs.stdout.uncheck();
  await logs.timestamps.uncheck();
  await logs.wrap.check();
  await expect(logs.row(/err i\d+/).first()).toBeVisible();
  await expect(logs.rows.first().locator("time")).toHaveCount(0);

  await page.evaluate(() => sessionStorage.setItem("logs-e2e-keep", "1"));
  await page.reload();
  await expect(logs.connection).toHaveText("Live", { timeout: 15_000 });
  await expect(logs.service("temporal")).not.toBeChecked();
  await expect(logs.service("postgres")).toBeChecked();
  await expect(logs.filter).toHaveValue("err");
  await expect(logs.stdout).not.toBeChecked();
  await expect(logs.stderr).toBeChecked();
  await expect(logs.timestamps).not.toBeChecked();
  await expect(logs.wrap).toBeChecked();
  await expect(logs.row(/err i\d+/).first()).toBeVisible();
  for (const text of await logs.renderedTexts()) expect(text).toContain("err");
});

test("downloads what is shown, clears the view and loads older lines", async ({ page }) => {
  const logs = new LogsPage(page);
  await logs.open();
  await logs.filter.fill("err i");
  await expect(logs.row(/err i\d+/).first()).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent("download"), logs.downloadButton.click()]);
  expect(download.suggestedFilename()).toMatch(new RegExp(`^${project}-logs-.*\\.log$`));
  const text = await fs.readFile((await download.path())!, "utf8");
  const lines = text.trim().split("\n");
  expect(lines.length).toBeGreaterThan(10);
  for (const line of lines) expect(line).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z postgres stderr \| err i\d+$/);

  await page.getByRole("button", { name: "Clear" }).click();
  await logs.filter.fill("");
  const shown = async () =>
    Number((await page.getByTestId("log-counts").textContent())!.match(/^([\d,]+) shown/)![1]!.replace(/,/g, ""));
  expect(await shown()).toBeLessThan(100);

  await page.getByRole("button", { name: "Load older" }).click();
  await expect.poll(shown).toBeGreaterThan(500);
  await expect(logs.jumpToLatest).toBeVisible();
  await expect(logs.row("red alert")).toHaveCount(0);
});
