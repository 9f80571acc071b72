import { randomBytes } from "node:crypto";
import { promises as fs } from "node:fs";
import path from "node:path";
import { expect, test, type APIRequestContext, type Locator, type Page } from "@playwright/test";
import {
  dataHome,
  deployAndWait,
  readStatus,
  removeStack,
  requireEngine,
  writeTestStackConfig,
} from "./support/test-stack";

/**
 * The Maintenance page against the real Docker engine and the local test images: back up,
 * restore with the typed project name, rotate the password. The stack is deployed through
 * the API (the deploy wizard has its own spec).
 */

/** Write the config on free ports and deploy it through the API. */
async function deployStack(request: APIRequestContext, baseURL: string, project: string): Promise<void> {
  await writeTestStackConfig(project);
  await deployAndWait(request, baseURL, { timeout: 150_000 });
}

/** The shared clean-up, then the backups the test made: they live outside the deployment. */
async function removeStackAndBackups(request: APIRequestContext, baseURL: string, project: string): Promise<void> {
  await removeStack(request, baseURL, project);
  await fs.rm(path.join(dataHome, "mycelium", "backups", project), { recursive: true, force: true });
}

/** The Maintenance page, as a user sees it. */
class MaintenancePage {
  readonly backups: Locator;
  readonly password: Locator;
  readonly createButton: Locator;

  constructor(readonly page: Page) {
    this.backups = page.getByRole("region", { name: "Backups" });
    this.password = page.getByRole("region", { name: "PostgreSQL password" });
    this.createButton = this.backups.getByRole("button", { name: "Create backup" });
  }

  async open() {
    await this.page.goto("/maintenance");
    await expect(this.page.getByRole("heading", { name: "Maintenance", level: 1 })).toBeVisible();
  }

  row(id: string): Locator {
    return this.backups.getByTestId(`backup-${id}`);
  }

  rows(): Locator {
    return this.backups.locator("tbody tr[data-testid^='backup-']");
  }
}

let project: string | null = null;

test.afterEach(async ({ page, baseURL }) => {
  if (project) await removeStackAndBackups(page.request, baseURL!, project);
  project = null;
});

test(
  "backs up from the page, restores with the typed project " + "name, and rotates the password without showing it",
  async ({ page, baseURL }) => {
    test.setTimeout(300_000);
    await requireEngine();
    project = `e2e-maint-${randomBytes(4).toString("hex")}`;
    await deployStack(page.request, baseURL!, project);

    const maintenance = new MaintenancePage(page);
    await maintenance.open();
    await expect(maintenance.backups).toContainText(`No backups of ${project} yet.`);
    await expect(maintenance.backups).toContainText(path.join("mycelium", "backups", project));

    // Create a backup: it appears in the list with its size.
    await maintenance.createButton.click();
    const created = maintenance.backups.getByRole("status").filter({ hasText: /^Backup \d{8}-\d{6}-\d{3} created/ });
    await expect(created).toBeVisible({ timeout: 60_000 });
    const id = /Backup (\d{8}-\d{6}-\d{3}) created/.exec((await created.textContent()) ?? "")![1]!;
    await expect(maintenance.row(id)).toContainText(/\d+(\.\d)? KB/);
    await expect(maintenance.row(id)).toContainText("temporal_visibility");
    await page.screenshot({ path: "test-results/e2e/maintenance-backup.png", fullPage: true });

    // Restore: the warning says what is replaced, and only the exact project name enables it.
    await maintenance
      .row(id)
      .getByRole("button", { name: `Restore backup ${id}…` })
      .click();
    const form = maintenance.backups.getByRole("form", { name: `Restore backup ${id}` });
    await expect(form).toContainText(`Restoring replaces the current data of ${project}`);
    await expect(form).toContainText("Temporal and its UI are stopped while the restore runs");
    const confirm = form.getByRole("button", { name: "Replace the data with this backup" });
    const input = form.getByLabel(`Type the project name (${project}) to confirm`);
    await expect(confirm).toBeDisabled();
    await input.fill(project.toUpperCase());
    await expect(confirm).toBeDisabled();
    await input.fill(project);
    await expect(confirm).toBeEnabled();
    await page.screenshot({ path: "test-results/e2e/maintenance-restore-confirm.png", fullPage: true });
    await confirm.click();
    // While it runs, the steps are shown.
    await expect(maintenance.backups.getByTestId("operation-progress")).toContainText("Restore in progress", {
      timeout: 10_000,
    });
    const restored = maintenance.backups.getByRole("status").filter({ hasText: `Backup ${id} restored` });
    await expect(restored).toBeVisible({ timeout: 120_000 });
    await expect(restored).toContainText("Temporal is running and healthy again");
    await expect(restored).toContainText("The data as it was before is kept in backup");
    await expect(maintenance.rows()).toHaveCount(2);
    await expect(maintenance.rows().first()).toContainText("before a restore");

    // Rotate the password: explained first, asked once more, the redeploy followed to the end.
    await expect(maintenance.password).toContainText("It is never shown here");
    await maintenance.password.getByRole("button", { name: "Rotate the PostgreSQL password…" }).click();
    await maintenance.password.getByRole("button", { name: "Change the password now" }).click();
    await expect(
      maintenance.password.getByRole("status").filter({ hasText: "The password was changed and saved" }),
    ).toBeVisible({ timeout: 60_000 });
    await expect(
      maintenance.password
        .getByRole("status")
        .filter({ hasText: "Done: PostgreSQL and Temporal are running and healthy with the new password." }),
    ).toBeVisible({
      timeout: 150_000,
    });
    await page.screenshot({ path: "test-results/e2e/maintenance-rotated.png", fullPage: true });

    const env = await fs.readFile(path.join(dataHome, "mycelium", "deployments", project, ".env"), "utf8");
    const password = /^POSTGRES_PASSWORD=(.+)$/m.exec(env)![1]!;
    expect(password).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(await page.content()).not.toContain(password);
    // readStatus asserts the 200 (with the body on failure) before it parses.
    const status = await readStatus(page.request);
    expect(status.services.map((s) => [s.service, s.health])).toEqual([
      ["postgres", "healthy"],
      ["temporal", "healthy"],
      ["temporal-ui", "healthy"],
    ]);
  },
);
