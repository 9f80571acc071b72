import { promises as fs } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { ConfigPage } from "./pages/config-page";

const configPath = path.join(process.env.E2E_HOME!, "config", "mycelium", "config.yaml");

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

test("a bad port shows a live error on its line, and fixing it clears the error", async ({ page }) => {
  const config = new ConfigPage(page);
  await config.open();
  await config.createDefaultConfig();
  const text = await config.editor.inputValue();
  const portLine = text.split("\n").findIndex((line) => /^\s+port: 5432/.test(line)) + 1;
  expect(portLine).toBeGreaterThan(0);

  await config.replaceText(text.replace(/port: 5432/, "port: 70000"));
  const error = config.problems.getByRole("button").filter({ hasText: "services.postgres.port" });
  await expect(error).toContainText(`line ${portLine}`);
  await expect(error).toContainText("65535");
  await expect(await config.gutterLine(portLine)).toHaveAttribute("data-severity", "error");
  await expect(config.saveButton).toBeDisabled();
  await page.screenshot({ path: "test-results/e2e/config-editor-bad-port.png", fullPage: true });

  await config.replaceText(text.replace(/port: 5432/, "port: 5433"));
  await expect(page.getByText("No problems found.")).toBeVisible();
  await config.saveButton.click();
  await expect(page.getByRole("status")).toContainText("Saved.");
  expect(await fs.readFile(configPath, "utf8")).toContain("port: 5433");
});

test("a file changed on disk while editing is not overwritten silently", async ({ page }) => {
  const config = new ConfigPage(page);
  await config.open();
  await config.createDefaultConfig();
  const text = await config.editor.inputValue();
  await fs.writeFile(configPath, text.replace("project_name: temporal-deployment", "project_name: edited-on-disk"));

  await config.replaceText(text.replace("project_name: temporal-deployment", "project_name: edited-in-browser"));
  await config.saveButton.click();
  await expect(page.getByRole("alert").filter({ hasText: "changed on disk" })).toBeVisible();
  expect(await fs.readFile(configPath, "utf8")).toContain("edited-on-disk");

  await page.getByRole("button", { name: "Save mine over it" }).click();
  await expect(page.getByRole("status")).toContainText("Saved over the file on disk.");
  expect(await fs.readFile(configPath, "utf8")).toContain("edited-in-browser");
});
