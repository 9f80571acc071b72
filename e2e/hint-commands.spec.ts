import { expect, test } from "@playwright/test";
import { DOCKER_HELP } from "../lib/docker/docker-help";

/**
 * Hints that quote a command show it as code with a copy button, never as text between
 * backticks. The engine's answer is stubbed: this needs no Docker engine, running or not.
 */
test("the setup's Docker step shows the commands to start Docker as code to copy", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.route("**/api/engine", (route) =>
    route.fulfill({
      status: 503,
      json: { error: { code: "unavailable:docker", message: "Docker is not running.", hint: DOCKER_HELP.linux } },
    }),
  );
  await page.goto("/setup");
  const alert = page.getByRole("alert").filter({ hasText: "Docker is not running." });
  await expect(alert.locator("code", { hasText: "sudo systemctl start docker" }).first()).toBeVisible();
  expect(await alert.textContent()).not.toContain("`");

  const copy = alert.getByRole("button", { name: "Copy: sudo systemctl start docker" }).first();
  await copy.click();
  await expect(copy).toHaveText("Copied");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe("sudo systemctl start docker");

  // Every OS's steps, behind the disclosure, read the same way.
  await alert.getByText("Not installed yet, or on another system?").click();
  await expect(alert.locator("dd code", { hasText: "brew install colima docker" })).toBeVisible();
  expect(await alert.textContent()).not.toContain("`");
  await page.screenshot({ path: "test-results/e2e/setup-docker-hint.png", fullPage: true });
});
