import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { promises as fs } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { Client, Connection } from "@temporalio/client";
import { loadClientConnectConfig } from "@temporalio/envconfig";
import { NEWCOMER_VERSIONS } from "../lib/config/newcomer-defaults";
import { DeployPage } from "./pages/deploy-page";
import { HealthPage } from "./pages/health-page";
import { configPath, deploymentsDir, freePorts, removeStack, temporalConfigFile } from "./support/test-stack";

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
/** The ports the first test deployed on: the later tests use that stack. */
let deployed: { frontendPort: number; uiPort: number } | null = null;

/**
 * The PostgreSQL password the deploy wrote: a test that proves it is absent somewhere proves
 * nothing without it, so a missing file (readFile rejects) or key fails the test.
 */
async function deployedPassword(): Promise<string> {
  const envFile = path.join(deploymentsDir, project, ".env");
  const password = /^POSTGRES_PASSWORD=(.*)$/m.exec(await fs.readFile(envFile, "utf8"))?.[1]?.trim();
  expect(password, `POSTGRES_PASSWORD in ${envFile}`).toMatch(/^[A-Za-z0-9]{32}$/);
  return password!;
}

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
  deployed = { frontendPort: frontendPort!, uiPort: uiPort! };
  // The Done step says how an app connects, and where the UI is.
  const connect = page.getByTestId("connect-your-app");
  await expect(connect.getByTestId("connect-address")).toContainText(`127.0.0.1:${frontendPort}`);
  await expect(connect.getByTestId("connect-namespace")).toHaveText("default");
  const uiUrl = `http://127.0.0.1:${uiPort}/namespaces/default/workflows`;
  await expect(page.getByTestId("temporal-ui-link").first()).toHaveAttribute("href", uiUrl);
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
  // The namespace and UI checks offer the UI, up.
  for (const check of ["temporal.namespace", "ui.healthz"]) {
    await expect(health.check(check).getByTestId("temporal-ui-link")).toHaveAttribute("href", uiUrl);
  }

  // The overview now says all is good.
  await page.goto("/");
  await expect(page.getByTestId("next-step")).toHaveAttribute("data-kind", "all-good");
  await page.screenshot({ path: `${shots}/8-overview.png`, fullPage: true });

  const sizes: string[] = [];
  const overBudget: string[] = [];
  for (const url of ["/", "/setup", "/config", "/deploy", "/health", "/logs", "/maintenance", "/upgrade"]) {
    const kilobytes = (await firstLoadJavaScript(page, url)) / 1024;
    sizes.push(`${url} ${kilobytes.toFixed(1)} KB`);
    if (kilobytes > FIRST_LOAD_BUDGET_KB) overBudget.push(`${url} ${kilobytes.toFixed(1)} KB`);
  }
  console.log(`first-run: Deploy click → green report in ${toGreen.toFixed(1)} s`);
  console.log(`first-load JavaScript (gzipped, as sent): ${sizes.join(", ")}`);
  test
    .info()
    .annotations.push(
      { type: "deploy-to-green-seconds", description: toGreen.toFixed(1) },
      { type: "first-load-js", description: sizes.join(", ") },
    );
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
  expect(contents).not.toContain(await deployedPassword());
  await expect(page.getByRole("status").filter({ hasText: "Saved mycelium-support-" })).toBeVisible();
});

test("Connect your app: address, namespace, snippets, a profile that connects, the password on click", async ({
  page,
}) => {
  test.setTimeout(90_000);
  expect(deployed, "the first test deployed the stack").not.toBeNull();
  const { frontendPort, uiPort } = deployed!;
  const password = await deployedPassword();
  // Another tool's profile, with comments: the write must keep it byte for byte.
  const existing = '# kept by hand\n[profile.other]\naddress = "elsewhere:7233" # not ours\nnamespace = "x"\n';
  await fs.mkdir(path.dirname(temporalConfigFile), { recursive: true });
  await fs.writeFile(temporalConfigFile, existing);

  // Every answer the page gets before the reveal click (streams never end: not read).
  const answers: Promise<string>[] = [];
  page.on("response", (response) => {
    const stream = (response.headers()["content-type"] ?? "").includes("text/event-stream");
    if (!stream) answers.push(response.text().catch(() => ""));
  });
  await page.goto("/");
  const connect = page.getByTestId("connect-your-app");
  await expect(connect.getByTestId("connect-address")).toContainText(`127.0.0.1:${frontendPort}`);
  await expect(connect.getByTestId("connect-namespace")).toHaveText("default");
  const postgresUrl = connect.getByTestId("postgres-url");
  await expect(postgresUrl).toHaveText(/^postgresql:\/\/\w+:\*{4}@127\.0\.0\.1:\d+\/temporal$/);
  await expect(connect.getByRole("button", { name: "Write profile" })).toBeEnabled();
  const snippetApis = {
    TypeScript: "loadClientConnectConfig",
    Go: "envconfig.MustLoadDefaultClientOptions()",
    Python: "ClientConfig.load_client_connect_config()",
    Java: "ClientConfigProfile.load()",
  };
  for (const [language, api] of Object.entries(snippetApis)) {
    await connect.getByRole("tab", { name: language, exact: true }).click();
    await expect(connect.getByTestId(`snippet-${language.toLowerCase()}`)).toContainText(api);
  }
  await page.screenshot({ path: `${shots}/9-connect.png`, fullPage: true });
  const seen = [await page.content(), ...(await Promise.all(answers))];
  expect(
    seen.filter((text) => text.includes(password)),
    "answers holding the password before the click",
  ).toEqual([]);

  // One click writes the profile; the other profile and the comments stay as they were.
  await connect.getByLabel("Profile name").fill(project);
  await connect.getByRole("button", { name: "Write profile" }).click();
  const file = await fs.realpath(temporalConfigFile);
  await expect(connect.getByTestId("profile-notice")).toContainText(`Profile ${project} updated in ${file}.`);
  const written = await fs.readFile(file, "utf8");
  const ours = `[profile.${project}]\naddress = "127.0.0.1:${frontendPort}"\nnamespace = "default"\n`;
  expect(written).toBe(`${existing}\n${ours}`);

  // The worker side: the SDK's own loader reads the profile and reaches the deployed frontend.
  const config = loadClientConnectConfig({ profile: project, configSource: { path: file }, overrideEnvVars: {} });
  const connection = await Connection.connect({ ...config.connectionOptions, connectTimeout: 10_000 });
  try {
    const client = new Client({ connection, namespace: config.namespace });
    const { namespaceInfo } = await client.workflowService.describeNamespace({ namespace: config.namespace });
    expect(namespaceInfo?.name).toBe("default");
  } finally {
    await connection.close();
  }

  // The TypeScript snippet, as copied from the page, runs with that profile selected.
  await connect.getByRole("tab", { name: "TypeScript", exact: true }).click();
  const snippet = path.join(shots, "connect-snippet.mjs");
  await fs.writeFile(snippet, (await connect.getByTestId("snippet-typescript").locator("code").textContent()) ?? "");
  // Only the profile says where: no address or namespace from this process's environment.
  const environment: NodeJS.ProcessEnv = { ...process.env, TEMPORAL_CONFIG_FILE: file, TEMPORAL_PROFILE: project };
  delete environment.TEMPORAL_ADDRESS;
  delete environment.TEMPORAL_NAMESPACE;
  const output = execFileSync(process.execPath, [snippet], { encoding: "utf8", timeout: 30_000, env: environment });
  expect(output.trim()).toBe(`Connected to 127.0.0.1:${frontendPort}, namespace default`);

  // The UI link answers.
  const uiLink = connect.getByTestId("temporal-ui-link");
  await expect(uiLink).toHaveAttribute("href", `http://127.0.0.1:${uiPort}/namespaces/default/workflows`);
  const ui = await fetch((await uiLink.getAttribute("href"))!);
  expect(ui.status).toBe(200);

  // The password: only after the click, and only in that answer.
  const revealing = page.waitForResponse((response) => response.url().endsWith("/api/secrets/postgres-url"));
  await connect.getByRole("button", { name: "Reveal password" }).click();
  expect(await (await revealing).text()).toContain(encodeURIComponent(password));
  await expect(postgresUrl).toHaveText(new RegExp(`^postgresql://\\w+:${password}@127\\.0\\.0\\.1:\\d+/temporal$`));
  await connect.getByRole("button", { name: "Hide password" }).click();
  await expect(postgresUrl).not.toContainText(password);
});
