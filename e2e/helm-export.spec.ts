import { promises as fs } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { configPath } from "./support/test-stack";

/**
 * The Kubernetes export on the Maintenance page: no Docker needed, only the config. The values
 * come back for the address typed in; a missing one is refused by the form, a bad one by the
 * server with its reason.
 */

const CONFIG =
  'version: "1.0"\nproject_name: helm-e2e\nservices:\n  temporal:\n    version: "1.32.2"\n    history_shards: 16\n';

let previous: string | null = null;

test.beforeEach(async () => {
  previous = await fs.readFile(configPath, "utf8").catch(() => null);
  await fs.mkdir(path.dirname(configPath), { recursive: true });
  await fs.writeFile(configPath, CONFIG);
});

test.afterEach(async () => {
  if (previous === null) await fs.rm(configPath, { force: true });
  else await fs.writeFile(configPath, previous);
});

test("shows the Helm values for the typed PostgreSQL address, with the Secret by name only", async ({ page }) => {
  await page.goto("/maintenance");
  const panel = page.getByRole("region", { name: "Export for Kubernetes (Helm)" });
  const show = panel.getByRole("button", { name: "Show the values" });
  await expect(show).toBeDisabled();

  await panel.getByLabel("PostgreSQL host", { exact: true }).fill("db example");
  await show.click();
  await expect(panel.getByRole("alert")).toContainText("is not a host name or IP address");

  await panel.getByLabel("PostgreSQL host", { exact: true }).fill("postgres.example.com");
  await panel.getByLabel("Port", { exact: true }).fill("6432");
  await show.click();
  await expect(panel).toContainText("connectAddr: postgres.example.com:6432");
  await expect(panel).toContainText("numHistoryShards: 16");
  await expect(panel).toContainText("kubectl create secret generic temporal-postgres --namespace helm-e2e");
  await expect(panel.getByRole("link", { name: "Download values.yaml" })).toBeVisible();
});
