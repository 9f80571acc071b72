import { randomBytes } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { deployAndWait, removeStack, requireEngine, writeTestStackConfig } from "./support/test-stack";

/**
 * The polish users notice, checked by machine: axe-core's WCAG 2.1 A/AA rules (contrast,
 * labels, names, landmarks) on every page, in the light and the dark theme, before and after
 * a deploy (red states and green ones); and the keyboard path through the header.
 */

const PAGES = ["/", "/setup", "/config", "/deploy", "/health", "/logs", "/maintenance"];
const project = `e2e-a11y-${randomBytes(3).toString("hex")}`;

/** Wait until the page has drawn its data (no loading placeholder left), then audit it. */
async function audit(page: Page, url: string): Promise<string[]> {
  await page.goto(url);
  await expect(page.locator("main")).toBeVisible();
  await expect(page.locator('[aria-label^="Loading"], [aria-busy="true"]')).toHaveCount(0, { timeout: 30_000 });
  const { violations } = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  return violations.map(
    (violation) =>
      `${url}: ${violation.id} (${violation.impact}) ${violation.help}: ${violation.nodes
        .slice(0, 3)
        .map(
          (node) =>
            `${node.target.join(" ")} ${node.html.slice(0, 120)} ` +
            `${(node.failureSummary ?? "").split("\n").slice(1, 2).join("")}`,
        )
        .join(" | ")}`,
  );
}

// Each theme starts from a stack that is not deployed, so both see the red states too.
test.afterEach(async ({ request, baseURL }) => {
  await removeStack(request, baseURL!, project);
});

for (const colorScheme of ["light", "dark"] as const) {
  test(`every page passes WCAG 2.1 AA checks in the ${colorScheme} theme, before and after a deploy`, async ({
    page,
    request,
    baseURL,
  }) => {
    test.setTimeout(240_000);
    await requireEngine();
    await page.emulateMedia({ colorScheme });
    await writeTestStackConfig(project);
    const before: string[] = [];
    for (const url of PAGES) before.push(...(await audit(page, url)));

    await deployAndWait(request, baseURL!, { alreadyRunningOk: true });
    const after: string[] = [];
    for (const url of ["/", "/deploy", "/health", "/logs"]) after.push(...(await audit(page, url)));
    expect([...before, ...after]).toEqual([]);
  });
}

test("the keyboard reaches every page from the header, with a visible focus ring, and can skip to the content", async ({
  page,
}) => {
  await writeTestStackConfig(project);
  await page.goto("/config");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();

  const names = ["Overview", "Config", "Deploy", "Health", "Logs", "Maintenance"];
  for (const name of names) {
    await page.keyboard.press("Tab");
    const link = page.getByRole("navigation", { name: "Main" }).getByRole("link", { name, exact: true });
    await expect(link).toBeFocused();
    const ring = await link.evaluate((element) => {
      const style = getComputedStyle(element);
      return {
        outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0,
        shadow: style.boxShadow !== "none",
      };
    });
    expect(ring.outline || ring.shadow, `focus ring on ${name}`).toBe(true);
  }
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/maintenance$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Maintenance");

  // Skip to content moves the focus past the header.
  await page.reload();
  await page.keyboard.press("Tab");
  await expect(skip).toBeFocused();
  await page.keyboard.press("Enter");
  await page.keyboard.press("Tab");
  const focusedInMain = await page.evaluate(() => Boolean(document.activeElement?.closest("main")));
  expect(focusedInMain).toBe(true);
});

test("every page fits a phone's width without scrolling sideways", async ({ page }) => {
  await writeTestStackConfig(project);
  await page.setViewportSize({ width: 390, height: 844 });
  const overflowing: string[] = [];
  for (const url of PAGES) {
    await page.goto(url);
    await expect(page.locator("main")).toBeVisible();
    await expect(page.locator('[aria-label^="Loading"], [aria-busy="true"]')).toHaveCount(0, { timeout: 30_000 });
    const { scrollWidth, clientWidth } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
    }));
    if (scrollWidth > clientWidth) overflowing.push(`${url}: ${scrollWidth} px wide in ${clientWidth} px`);
    await page.screenshot({
      path: `test-results/e2e/mobile${url === "/" ? "-overview" : url.replace("/", "-")}.png`,
      fullPage: true,
    });
  }
  expect(overflowing).toEqual([]);
});
