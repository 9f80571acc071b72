import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { promises as fs } from "node:fs";
import net from "node:net";
import path from "node:path";
import { expect, test, type APIRequestContext, type Locator, type Page } from "@playwright/test";

/**
 * The Maintenance page against the real Docker engine and the local test images: back up,
 * restore with the typed project name, rotate the password. The stack is deployed through
 * the API (the deploy wizard has its own spec).
 */

const configPath = path.join(process.env.E2E_HOME!, "config", "mycelium", "config.yaml");
const dataHome = path.join(process.env.E2E_HOME!, "data");

const IMAGES = {
  postgres: "mycelium-test/postgres:15",
  temporal: "mycelium-test/temporal:1.22.0",
  ui: "mycelium-test/temporal-ui:2.17.1",
} as const;

function docker(args: string[]): string {
  return execFileSync("docker", args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();
}

function requireEngine(): void {
  try {
    docker(["version", "--format", "{{.Server.Version}}"]);
  } catch {
    throw new Error("This test deploys on the real Docker engine, but it does not answer (is dockerd running?).");
  }
  for (const image of Object.values(IMAGES)) {
    try {
      docker(["image", "inspect", "--format", "{{.Id}}", image]);
    } catch {
      throw new Error(`This test deploys on the real Docker engine, but the test image ${image} is missing: run \`npm run test:images\`.`);
    }
  }
}

async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<net.Server>((resolve, reject) => {
          const server = net.createServer();
          server.once("error", reject);
          server.listen(0, "127.0.0.1", () => resolve(server));
        }),
    ),
  );
  const ports = servers.map((server) => (server.address() as net.AddressInfo).port);
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return ports;
}

async function deployStack(request: APIRequestContext, baseURL: string, project: string): Promise<void> {
  const [postgres, frontend, ui] = await freePorts(3);
  await fs.mkdir(path.dirname(configPath), { recursive: true });
  await fs.writeFile(
    configPath,
    [
      'version: "1.0"',
      `project_name: ${project}`,
      "deployment:",
      "  healthcheck_timeout: 120",
      "services:",
      "  postgres:",
      `    port: ${postgres}`,
      `    image: ${IMAGES.postgres}`,
      "  temporal:",
      `    frontend_port: ${frontend}`,
      `    ui_port: ${ui}`,
      `    image: ${IMAGES.temporal}`,
      `    ui_image: ${IMAGES.ui}`,
      "",
    ].join("\n"),
  );
  const started = await request.post("/api/deploy", { headers: { origin: baseURL } });
  expect(started.status()).toBe(202);
  await expect
    .poll(async () => ((await (await request.get("/api/deploy/status")).json()) as { deploy: { state: string } | null }).deploy?.state, { timeout: 150_000 })
    .toBe("succeeded");
}

async function removeStack(request: APIRequestContext, baseURL: string, project: string): Promise<void> {
  try {
    await request.post("/api/deploy/down", { data: { removeDataConfirmation: project }, headers: { origin: baseURL }, timeout: 60_000 });
  } catch {
    // the fallback below removes what the API could not
  }
  const filter = `label=com.docker.compose.project=${project}`;
  const leftovers = (kind: "container" | "volume" | "network") =>
    docker(kind === "container" ? ["ps", "-aq", "--filter", filter] : [kind, "ls", "-q", "--filter", filter]).split("\n").filter(Boolean);
  const containers = leftovers("container");
  if (containers.length) docker(["rm", "-f", "-v", ...containers]);
  const volumes = leftovers("volume");
  if (volumes.length) docker(["volume", "rm", "-f", ...volumes]);
  const networks = leftovers("network");
  if (networks.length) docker(["network", "rm", ...networks]);
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
  if (project) await removeStack(page.request, baseURL!, project);
  project = null;
});

test("backs up from the page, restores with the typed project name, and rotates the password without showing it", async ({ page, baseURL }) => {
  test.setTimeout(300_000);
  requireEngine();
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
  await maintenance.row(id).getByRole("button", { name: `Restore backup ${id}…` }).click();
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
  await expect(maintenance.backups.getByTestId("operation-progress")).toContainText("Restore in progress", { timeout: 10_000 });
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
  await expect(maintenance.password.getByRole("status").filter({ hasText: "The password was changed and saved" })).toBeVisible({ timeout: 60_000 });
  await expect(maintenance.password.getByRole("status").filter({ hasText: "Done: PostgreSQL and Temporal are running and healthy with the new password." })).toBeVisible({
    timeout: 150_000,
  });
  await page.screenshot({ path: "test-results/e2e/maintenance-rotated.png", fullPage: true });

  const env = await fs.readFile(path.join(dataHome, "mycelium", "deployments", project, ".env"), "utf8");
  const password = /^POSTGRES_PASSWORD=(.+)$/m.exec(env)![1]!;
  expect(password).toMatch(/^[A-Za-z0-9]{32}$/);
  expect(await page.content()).not.toContain(password);
  const status = (await (await page.request.get("/api/deploy/status")).json()) as { services: { service: string; health: string }[] };
  expect(status.services.map((s) => [s.service, s.health])).toEqual([
    ["postgres", "healthy"],
    ["temporal", "healthy"],
    ["temporal-ui", "healthy"],
  ]);
});
