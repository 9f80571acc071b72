import { promises as fs } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { ConfigPage } from "./pages/config-page";

const configPath = path.join(process.env.E2E_HOME!, "config", "mycelium", "config.yaml");

/** Enter on the open completion list; CodeMirror ignores it for 75 ms after the list opens (interactionDelay). */
async function acceptCompletion(page: Page) {
  await page.waitForTimeout(100);
  await page.keyboard.press("Enter");
}

test.beforeEach(async () => {
  await fs.rm(configPath, { force: true });
});

test("a newcomer creates the default config and sees the guide's summary", async ({ page }) => {
  const config = new ConfigPage(page);
  await config.open();
  await config.createDefaultConfig();
  await expect(config.summary).toContainText("✓ Configuration valid:");
  await expect(config.summary).toContainText("Enabled Services: postgres (port 5432), temporal (UI: 8080, gRPC: 7233)");
  expect(await fs.readFile(configPath, "utf8")).toContain("project_name: temporal-deployment");
});

test("the editor completes keys and values from the schema and shows a field's docs on hover", async ({ page }) => {
  const config = new ConfigPage(page);
  await config.open();
  await config.createDefaultConfig();
  await config.replaceText('version: "1.0"\n');
  await config.caretToEnd();

  await page.keyboard.type("proj");
  const completions = page.getByRole("listbox");
  await expect(completions.getByRole("option", { name: /^project_name/ })).toBeVisible();
  await expect(completions.getByRole("option")).toHaveCount(1);
  await acceptCompletion(page);
  await page.keyboard.type("demo\ndeployment:\n  auto_start: ");
  await page.keyboard.press("Control+Space");
  await expect(completions.getByRole("option")).toHaveText(["false", "truedefault"]);
  await acceptCompletion(page);
  await expect.poll(() => config.text()).toBe('version: "1.0"\nproject_name: demo\ndeployment:\n  auto_start: false');

  await page.locator(".cm-line", { hasText: "project_name" }).getByText("project_name").hover();
  const docs = page.locator(".cm-tooltip-hover");
  await expect(docs).toContainText('project_name: string, default "temporal-deployment"');
  await expect(docs).toContainText("Names the containers");
});

test("a bad port shows a lint mark and an error on its line; fixed, Ctrl-S saves", async ({ page }) => {
  const config = new ConfigPage(page);
  await config.open();
  await config.createDefaultConfig();
  const text = await config.text();
  const portLine = text.split("\n").findIndex((line) => /^\s+port: 5432/.test(line)) + 1;
  expect(portLine).toBeGreaterThan(0);

  await config.replaceText(text.replace(/port: 5432/, "port: 70000"));
  const error = config.problems.getByRole("listitem").filter({ hasText: "services.postgres.port" });
  await expect(error).toContainText(`line ${portLine}`);
  await expect(error).toContainText("65535");
  await expect.poll(() => config.lintMarkLines("error")).toEqual([portLine]);
  await expect(config.saveButton).toBeDisabled();
  await page.screenshot({ path: "test-results/e2e/config-editor-bad-port.png", fullPage: true });

  // The problem in the list takes the caret to its line, where the editor's status says what is wrong.
  await error.getByRole("button").click();
  await expect(config.editor).toBeFocused();
  await expect(page.getByText(`Line ${portLine}: error:`)).toBeVisible();

  await config.replaceText(text.replace(/port: 5432/, "port: 5433"));
  await expect(page.getByText("No problems found.")).toBeVisible();
  await expect.poll(() => config.lintMarkLines("error")).toEqual([]);
  await expect(config.saveButton).toBeEnabled();
  await page.keyboard.press("ControlOrMeta+s");
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  expect(await fs.readFile(configPath, "utf8")).toContain("port: 5433");
});

test("a file changed on disk while editing is not overwritten silently", async ({ page }) => {
  const config = new ConfigPage(page);
  await config.open();
  await config.createDefaultConfig();
  const text = await config.text();
  await fs.writeFile(configPath, text.replace("project_name: temporal-deployment", "project_name: edited-on-disk"));

  await config.replaceText(text.replace("project_name: temporal-deployment", "project_name: edited-in-browser"));
  await config.saveButton.click();
  await expect(page.getByRole("alert").filter({ hasText: "changed on disk" })).toBeVisible();
  expect(await fs.readFile(configPath, "utf8")).toContain("edited-on-disk");

  await page.getByRole("button", { name: "Save mine over it" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved over the file on disk." })).toBeVisible();
  expect(await fs.readFile(configPath, "utf8")).toContain("edited-in-browser");
});

test("undo and redo work from the keyboard, and Tab does not trap the focus", async ({ page }) => {
  const config = new ConfigPage(page);
  await config.open();
  await config.createDefaultConfig();
  const text = await config.text();
  await config.caretToEnd();
  await page.keyboard.type("# note");
  await expect.poll(() => config.text()).toBe(`${text}# note`);
  await page.keyboard.press("ControlOrMeta+z");
  await expect.poll(() => config.text()).toBe(text);
  // The file as loaded is not an edit: a second undo keeps it.
  await page.keyboard.press("ControlOrMeta+z");
  await expect.poll(() => config.text()).toBe(text);
  // Shift gives a capital Z, as in a real browser.
  await page.keyboard.press("ControlOrMeta+Shift+Z");
  await expect.poll(() => config.text()).toBe(`${text}# note`);

  // Tab indents inside the editor; Escape then Tab moves on to the next control.
  await page.keyboard.press("Escape");
  await page.keyboard.press("Tab");
  await expect(config.editor).not.toBeFocused();
});

for (const width of [390, 1280]) {
  test(`no Summary line is cut off at ${width} px`, async ({ page }) => {
    await page.setViewportSize({ width, height: 900 });
    const config = new ConfigPage(page);
    await config.open();
    await config.createDefaultConfig();
    await expect(config.summary).toContainText("Enabled Services:");
    const clipped = await config.summaryBox.evaluate((box) =>
      [box, ...box.querySelectorAll("*")]
        .filter((element) => getComputedStyle(element).display !== "inline")
        .filter((element) => element.scrollWidth > element.clientWidth)
        .map((element) => element.textContent?.slice(0, 60)),
    );
    expect(clipped).toEqual([]);
    const box = await config.summaryBox.boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(width);
  });
}

test("a fix that holds a command shows it as code to copy, without backticks", async ({ page }) => {
  const config = new ConfigPage(page);
  await config.open();
  await config.createDefaultConfig();
  await config.replaceText("# nothing here yet\n");
  const problem = config.problems.getByRole("listitem").first();
  await expect(problem.locator("code", { hasText: "mycelium config init" })).toBeVisible();
  await expect(problem.getByRole("button", { name: "Copy: mycelium config init" })).toBeVisible();
  expect(await problem.textContent()).not.toContain("`");
});
