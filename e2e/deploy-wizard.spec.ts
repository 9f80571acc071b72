import { randomBytes } from "node:crypto";
import { promises as fs } from "node:fs";
import net from "node:net";
import { expect, test } from "@playwright/test";
import { parse } from "yaml";
import {
  requireRoot,
  startDockerDaemon,
  startDockerDaemonIfDown,
  stopDockerDaemon,
} from "../test/support/docker-daemon";
import { DeployPage } from "./pages/deploy-page";
import { HealthPage } from "./pages/health-page";
import {
  configPath,
  docker,
  ensureLocalImage,
  freePorts,
  IMAGES,
  removeStack,
  requireEngine,
  SERVICES,
  writeTestStackConfig,
} from "./support/test-stack";

/**
 * The deploy wizard against the real Docker engine, with the product's default images pulled
 * from the local registry. Each test deploys its own project on free ports and removes it
 * afterwards.
 */

interface TestStack {
  project: string;
  ports: { postgres: number; frontend: number; ui: number };
  services: string[];
}

async function newStack(): Promise<TestStack> {
  const [postgres, frontend, ui] = await freePorts(3);
  const stack: TestStack = {
    project: `e2e-deploy-${randomBytes(4).toString("hex")}`,
    ports: { postgres: postgres!, frontend: frontend!, ui: ui! },
    services: SERVICES,
  };
  await writeTestStackConfig(stack.project, { ports: stack.ports });
  return stack;
}

let stack: TestStack | null = null;
let heldPort: net.Server | null = null;
/** A PostgreSQL container of someone else's, for the reuse test. */
let foreignPostgres: string | null = null;

function isReady(container: string): boolean {
  try {
    docker(["exec", container, "pg_isready", "-h", "127.0.0.1", "-q"]);
    return true;
  } catch {
    return false;
  }
}

test.afterEach(async ({ page, baseURL }) => {
  if (heldPort) await new Promise((resolve) => heldPort!.close(resolve));
  heldPort = null;
  if (foreignPostgres) docker(["rm", "-f", "-v", foreignPostgres]);
  foreignPostgres = null;
  if (stack) await removeStack(page.request, baseURL!, stack.project);
  stack = null;
});

test("deploys the stack step by step, survives a reload, and shows it in the status panel", async ({ page }) => {
  test.setTimeout(240_000);
  await requireEngine();
  stack = await newStack();
  const { project } = stack;
  const wizard = new DeployPage(page);

  // 1. Engine check
  await wizard.open();
  await wizard.expectStep("engine");
  await expect(page.getByRole("status").filter({ hasText: /Docker .* is running/ })).toBeVisible();

  // 2. Config review
  await wizard.next("config");
  await expect(page.getByTestId("config-project")).toHaveText(project);
  await expect(page.getByRole("cell", { name: String(stack.ports.postgres) })).toBeVisible();
  await expect(page.getByRole("link", { name: "Edit the config" })).toHaveAttribute("href", "/config");

  // 3. Detection & decisions: a fresh project creates every container, no port is taken.
  await wizard.next("decisions");
  for (const service of stack.services) await expect(page.getByTestId(`plan-${service}`)).toContainText("create");
  await expect(page.getByText("No port conflicts")).toBeVisible();

  // Back/forward keep the place.
  await page.goBack();
  await wizard.expectStep("config");
  await page.goForward();
  await wizard.expectStep("decisions");

  // 4. Plan review: the generated files, the password never shown.
  await wizard.next("plan");
  await expect(wizard.fileTab("docker-compose.yml")).toHaveAttribute("aria-selected", "true");
  await expect(wizard.fileContent).toContainText(`${project}-postgres`);
  await wizard.fileTab(".env").click();
  await expect(wizard.fileContent).toContainText("(kept in .env: never shown)");
  await expect(page.getByTestId("deployment-dir")).toContainText(project);
  await expect(wizard.deployButton).toBeEnabled();
  await page.screenshot({ path: "test-results/e2e/deploy-wizard-plan.png", fullPage: true });

  // 5. Deploy, and reload while it runs: the page follows the same deploy again.
  await wizard.deployButton.click();
  await wizard.expectStep("deploy");
  await expect(wizard.phase("detect")).toHaveAttribute("data-status", /done|active/);
  await page.reload();
  const following = page.getByText("A deploy is already running; following it.");
  // Either still running (the page follows it again and moves on) or already over (shown as finished).
  await expect(
    following.or(page.getByRole("button", { name: "Continue" })).or(wizard.stepHeading.filter({ hasText: "Done" })),
  ).toBeVisible({
    timeout: 30_000,
  });
  if (await following.isVisible()) {
    await expect(wizard.phases).toBeVisible();
    await page.screenshot({ path: "test-results/e2e/deploy-wizard-deploying.png", fullPage: true });
  }
  if ((await wizard.waitForDeployEnd(180_000)) === "finished") {
    for (const service of stack.services)
      await expect(wizard.health(service)).toHaveAttribute("data-health", "healthy");
    await page.getByRole("button", { name: "Continue" }).click();
  }

  // 6. Done: every container running and healthy, the links onwards.
  await wizard.expectStep("done");
  await expect(page.getByTestId("deploy-duration")).toContainText(/The deploy took \d/);
  for (const service of stack.services) {
    await expect(wizard.doneContainer(service)).toContainText("running");
    await expect(wizard.doneContainer(service)).toContainText("healthy");
  }
  await expect(page.getByRole("link", { name: "Open the health report" })).toHaveAttribute("href", "/health");
  await expect(page.getByRole("link", { name: "Back to the overview" })).toHaveAttribute("href", "/");
  await page.screenshot({ path: "test-results/e2e/deploy-wizard-done.png", fullPage: true });

  // A reload on the Done step shows the same.
  await page.reload();
  await wizard.expectStep("done");
  await expect(page.getByTestId("deploy-duration")).toContainText(/The deploy took \d/);

  // The status panel lists each container with its details.
  for (const service of stack.services) {
    const row = wizard.statusRow(service);
    await expect(row).toContainText(`${project}-${service}`);
    await expect(row).toContainText("running");
    await expect(row).toContainText("healthy");
  }
  await expect(wizard.statusRow("postgres")).toContainText(`127.0.0.1:${stack.ports.postgres} → 5432`);
  await expect(wizard.statusRow("postgres")).toContainText(IMAGES.postgres);

  // Removing the data needs the project name typed exactly.
  await wizard.statusPanel.getByRole("button", { name: "Remove data…" }).click();
  const confirm = wizard.statusPanel.getByRole("button", { name: "Remove containers and data" });
  const input = wizard.statusPanel.getByLabel(`Type the project name (${project}) to confirm`);
  await expect(confirm).toBeDisabled();
  await input.fill(project.slice(0, -1));
  await expect(confirm).toBeDisabled();
  await input.fill(project);
  await expect(confirm).toBeEnabled();
  await confirm.click();
  await expect(wizard.statusPanel.getByRole("status").filter({ hasText: /^Removed \d+ containers?/ })).toContainText(
    "volumes",
  );
  await expect(wizard.statusPanel).toContainText(`No containers for project ${project}`);
  expect(docker(["ps", "-aq", "--filter", `label=com.docker.compose.project=${project}`])).toBe("");
});

test(
  "a port held by another PostgreSQL is named, one click " +
    "moves to a free port, and the deploy ends in a green report",
  async ({ page }) => {
    test.setTimeout(240_000);
    await requireEngine();
    stack = await newStack();
    // A fake PostgreSQL: it answers the SSLRequest with "N", as a server without TLS does.
    heldPort = net.createServer((socket) => {
      socket.once("data", () => socket.write("N"));
      socket.on("error", () => undefined);
    });
    await new Promise<void>((resolve) => heldPort!.listen(stack!.ports.postgres, "127.0.0.1", resolve));

    const wizard = new DeployPage(page);
    await wizard.open("decisions");
    await wizard.expectStep("decisions");
    const conflict = wizard.portConflicts.getByRole("listitem").filter({ hasText: "services.postgres.port" });
    await expect(conflict).toContainText(`Port ${stack.ports.postgres}`);
    await expect(conflict).toContainText("is taken by a PostgreSQL server");
    const button = conflict.getByRole("button", { name: /^Use port \d+ instead$/ });
    const proposed = Number(/Use port (\d+) instead/.exec((await button.textContent()) ?? "")?.[1]);
    expect(proposed).toBeGreaterThan(stack.ports.postgres);
    await expect(conflict).toContainText(`Port ${proposed} is free.`);
    await page.screenshot({ path: "test-results/e2e/deploy-wizard-port-conflict.png", fullPage: true });

    // The plan review refuses to deploy while the conflict remains.
    await wizard.next("plan");
    await expect(wizard.deployButton).toBeDisabled();
    await page.getByRole("button", { name: "Go to the detection results" }).click();
    await wizard.expectStep("decisions");

    await wizard.useProposedPort(proposed).click();
    await expect(page.getByRole("status").filter({ hasText: "Config saved" })).toContainText(
      `services.postgres.port is now ${proposed}`,
    );
    await expect(page.getByText("No port conflicts")).toBeVisible();
    await expect(wizard.portConflicts).toHaveCount(0);
    const saved = parse(await fs.readFile(configPath, "utf8")) as {
      project_name: string;
      services: { postgres: { port: number } };
    };
    expect(saved.services.postgres.port).toBe(proposed);
    expect(saved.project_name).toBe(stack.project);
    await page.screenshot({ path: "test-results/e2e/deploy-wizard-port-fixed.png", fullPage: true });

    await wizard.next("plan");
    await expect(wizard.deployButton).toBeEnabled();

    // The journey ends where the user wants to be: the stack up on the new port, the report green.
    await wizard.deployButton.click();
    if ((await wizard.waitForDeployEnd(180_000)) === "finished")
      await page.getByRole("button", { name: "Continue" }).click();
    await wizard.expectStep("done");
    await page.getByRole("link", { name: "Open the health report" }).click();
    const health = new HealthPage(page);
    await health.expectStatus("healthy", { timeout: 60_000 });
    await expect(page.getByText(`PostgreSQL port ${proposed} is open on 127.0.0.1`)).toBeVisible();
    await page.screenshot({ path: "test-results/e2e/deploy-wizard-port-conflict-green.png", fullPage: true });
    // The foreign listener was left alone.
    expect(heldPort!.listening).toBe(true);
  },
);

test(
  "an existing PostgreSQL is reused: the credentials are " +
    "tested, a wrong password is refused, and the stack runs on it",
  async ({ page }) => {
    test.setTimeout(240_000);
    await requireEngine();
    stack = await newStack();
    const password = `Reuse${randomBytes(6).toString("hex")}`;
    foreignPostgres = `e2e-foreign-pg-${randomBytes(4).toString("hex")}`;
    docker([
      "run",
      "-d",
      "--name",
      foreignPostgres,
      "-p",
      `0.0.0.0:${stack.ports.postgres}:5432`,
      "-e",
      "POSTGRES_USER=app",
      "-e",
      `POSTGRES_PASSWORD=${password}`,
      IMAGES.postgres,
    ]);
    await expect.poll(() => isReady(foreignPostgres!), { timeout: 60_000 }).toBe(true);

    const wizard = new DeployPage(page);
    await wizard.open("decisions");
    const conflict = wizard.portConflicts.getByRole("listitem").filter({ hasText: "services.postgres.port" });
    await expect(conflict).toContainText("is taken by a PostgreSQL server");
    await conflict.getByRole("button", { name: "Reuse this PostgreSQL…" }).click();
    const form = page.getByRole("form", { name: "Reuse this PostgreSQL" });
    await form.getByLabel("User").fill("app");
    await form.getByLabel("Password").fill("wrong-password");
    await form.getByRole("button", { name: "Test and reuse" }).click();
    await expect(form.getByRole("alert")).toContainText('refused the login for user "app"');

    await form.getByLabel("Password").fill(password);
    await form.getByRole("button", { name: "Test and reuse" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Reusing PostgreSQL" })).toContainText(
      `on port ${stack.ports.postgres}`,
    );
    await expect(wizard.portConflicts).toHaveCount(0);
    await expect(page.getByTestId("plan-postgres")).toContainText("reuse");
    const reused = page.getByRole("region", { name: "Existing PostgreSQL" });
    await expect(reused).toContainText(`Temporal will use a PostgreSQL server in container ${foreignPostgres}`);
    await expect(reused).toContainText(`on port ${stack.ports.postgres}`);
    const saved = parse(await fs.readFile(configPath, "utf8")) as {
      services: { postgres: { reuse_existing: boolean; user: string } };
    };
    expect(saved.services.postgres).toMatchObject({ reuse_existing: true, user: "app" });
    expect(await page.content()).not.toContain(password);
    await page.screenshot({ path: "test-results/e2e/deploy-wizard-reuse-postgres.png", fullPage: true });

    await wizard.next("plan");
    await wizard.fileTab(".env").click();
    await expect(wizard.fileContent).toContainText("REUSED_POSTGRES_PASSWORD=(kept in .env: never shown)");

    // Deployed on the reused server: Temporal healthy, no PostgreSQL container of ours.
    await wizard.deployButton.click();
    if ((await wizard.waitForDeployEnd(180_000)) === "finished")
      await page.getByRole("button", { name: "Continue" }).click();
    await wizard.expectStep("done");
    expect(
      docker(["ps", "-a", "--format", "{{.Names}}", "--filter", `label=com.docker.compose.project=${stack.project}`])
        .split("\n")
        .sort(),
    ).toEqual([`${stack.project}-temporal`, `${stack.project}-temporal-ui`]);
    await page.goto("/");
    await expect(page.getByTestId("service-temporal")).toContainText("healthy");
    await expect(page.getByTestId("service-postgres-reused")).toContainText(
      `An existing server on port ${stack.ports.postgres}`,
    );

    // And back: one click runs PostgreSQL in a container again, on a port of its own.
    await wizard.open("decisions");
    await page.getByRole("button", { name: "Run PostgreSQL in a container instead" }).click();
    await expect(
      wizard.portConflicts.getByRole("listitem").filter({ hasText: "services.postgres.port" }),
    ).toBeVisible();
  },
);

test("a deploy already running is followed: on a refused start (409) and when the page opens", async ({
  page,
  context,
  baseURL,
}) => {
  test.setTimeout(240_000);
  await requireEngine();
  stack = await newStack();
  const wizard = new DeployPage(page);
  await wizard.open("plan");
  await expect(wizard.deployButton).toBeEnabled();
  await expect(wizard.statusPanel).toContainText(`No containers for project ${stack.project}`);

  // Someone else starts the deploy (another tab, a script): this page still shows the Deploy button.
  const started = await page.request.post("/api/deploy", { headers: { origin: baseURL! } });
  expect(started.status(), await started.text()).toBe(202);

  await wizard.deployButton.click();
  await wizard.expectStep("deploy");
  await expect(page.getByText("A deploy is already running; following it.")).toBeVisible();

  // A second tab opened on another step goes straight to the running deploy.
  const other = await context.newPage();
  const otherWizard = new DeployPage(other);
  await other.goto("/deploy?step=config");
  await otherWizard.expectStep("deploy");
  await expect(other.getByText("A deploy is already running; following it.")).toBeVisible();
  await other.close();

  // The first page followed it live, so it moves on by itself.
  expect(await wizard.waitForDeployEnd(180_000)).toBe("done");
  await wizard.expectStep("done");
  for (const service of stack.services) await expect(wizard.doneContainer(service)).toContainText("healthy");
});

test("a stopped Docker engine is explained, with commands to copy, and Check again recovers", async ({
  page,
  context,
}) => {
  test.setTimeout(180_000);
  requireRoot();
  await requireEngine();
  await newStack(); // deploys nothing: no clean-up needed
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await stopDockerDaemon({ wait: true });
  try {
    const wizard = new DeployPage(page);
    await wizard.open();
    const alert = page.getByRole("alert").filter({ hasText: "Docker is not running" });
    await expect(alert).toContainText(/there is no Docker socket|nothing answers on the Docker socket/);
    await expect(alert).toContainText("sudo systemctl start docker");
    const commands = page.getByRole("list", { name: "Commands to try" });
    await expect(commands.getByRole("listitem")).toHaveCount(3);
    await commands.getByRole("button", { name: "Copy: sudo systemctl start docker" }).click();
    await expect(commands.getByRole("button", { name: "Copy: sudo systemctl start docker" })).toHaveText("Copied");
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe("sudo systemctl start docker");
    await page.screenshot({ path: "test-results/e2e/deploy-wizard-docker-down.png", fullPage: true });

    // The setup's Docker step says the same as help: its commands as code to copy, no backticks.
    await page.goto("/setup");
    const setupAlert = page.getByRole("alert").filter({ hasText: "Docker is not running" });
    await expect(setupAlert.locator("code", { hasText: "sudo systemctl start docker" }).first()).toBeVisible();
    expect(await setupAlert.textContent()).not.toContain("`");
    const copy = setupAlert.getByRole("button", { name: "Copy: sudo systemctl start docker" }).first();
    await copy.click();
    await expect(copy).toHaveText("Copied");
    // Every OS's steps, behind the disclosure, read the same way.
    await setupAlert.getByText("Not installed yet, or on another system?").click();
    await expect(setupAlert.locator("dd code", { hasText: "brew install colima docker" })).toBeVisible();
    expect(await setupAlert.textContent()).not.toContain("`");
    await page.screenshot({ path: "test-results/e2e/setup-docker-hint.png", fullPage: true });
    await wizard.open();

    await startDockerDaemon();
    await page.getByRole("button", { name: "Check again" }).click();
    await expect(page.getByRole("status").filter({ hasText: /Docker .* is running/ })).toBeVisible();
    await expect(alert).toHaveCount(0);
  } finally {
    await startDockerDaemonIfDown();
  }
});

/** A config of the product's defaults with PostgreSQL settings, on free ports. */
async function writeFailingPostgresConfig(
  project: string,
  ports: TestStack["ports"],
  image: string | null,
): Promise<void> {
  await fs.writeFile(
    configPath,
    [
      'version: "1.0"',
      `project_name: ${project}`,
      "deployment:",
      "  healthcheck_timeout: 60",
      "services:",
      "  postgres:",
      `    port: ${ports.postgres}`,
      ...(image ? [`    image: ${image}`] : []),
      "    custom_config:",
      // A typo a user makes: PostgreSQL refuses to start without the library.
      '      shared_preload_libraries: "pg_stat_statments"',
      "  temporal:",
      "    enabled: false",
      "",
    ].join("\n"),
  );
}

test(
  "a deploy pulls its image layer by layer from the registry; a failed " +
    "start shows the error, its hint and PostgreSQL's own last lines",
  async ({ page }) => {
    test.setTimeout(240_000);
    await requireEngine();
    stack = await newStack();
    // Not on the engine, so the deploy must pull it (no container may still use it).
    docker(["image", "rm", IMAGES.postgres]);
    await writeFailingPostgresConfig(stack.project, stack.ports, null);
    try {
      const wizard = new DeployPage(page);
      await wizard.open("plan");
      await wizard.deployButton.click();
      await expect(wizard.deployFailure).toBeVisible({ timeout: 180_000 });
      const failure = page.getByRole("alert").filter({ hasText: "Deploy failed" });
      await expect(failure).toContainText(`${stack.project}-postgres failed: it exited.`);
      await expect(failure).toContainText("The last log lines below usually say why");
      await expect(failure).toContainText("Last log lines of postgres");
      await expect(failure.locator("pre")).toContainText(
        'could not access file "pg_stat_statments": No such file or directory',
      );

      // The real pull, from the registry: every layer done, Docker's own last word.
      const bar = page.getByRole("progressbar", { name: `Downloading ${IMAGES.postgres}` });
      await expect(bar).toHaveAttribute("aria-valuenow", "100");
      const layers = Number(docker(["image", "inspect", "--format", "{{len .RootFS.Layers}}", IMAGES.postgres]));
      expect(layers).toBeGreaterThanOrEqual(2);
      await expect(page.getByText(new RegExp(` · ${layers}/${layers} layers$`))).toBeVisible();
      await expect(page.getByText(`Status: Downloaded newer image for ${IMAGES.postgres}`)).toBeVisible();
      await expect(wizard.phase("images")).toHaveAttribute("data-status", "done");
      await expect(wizard.phase("health")).toHaveAttribute("data-status", "failed");
      await expect(wizard.health("postgres")).toHaveAttribute("data-health", "exited");
      await expect(page.getByRole("button", { name: "Deploy again" })).toBeVisible();
      await page.screenshot({ path: "test-results/e2e/deploy-wizard-failed.png", fullPage: true });
    } finally {
      await ensureLocalImage(IMAGES.postgres);
    }
  },
);

test("an image the registry does not have fails at the pull, in Docker's words, and nothing is created", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await requireEngine();
  stack = await newStack();
  const missing = `${IMAGES.postgres.split(":")[0]}:0.0-not-published`;
  await writeFailingPostgresConfig(stack.project, stack.ports, missing);
  const wizard = new DeployPage(page);
  await wizard.open("plan");
  await wizard.deployButton.click();
  await expect(wizard.deployFailure).toBeVisible({ timeout: 90_000 });
  const failure = page.getByRole("alert").filter({ hasText: "Deploy failed" });
  await expect(failure).toContainText(`Could not pull ${missing}:`);
  await expect(failure).toContainText(`docker save ${missing}`);
  await expect(wizard.phase("images")).toHaveAttribute("data-status", "failed");
  await expect(wizard.phase("containers")).toHaveAttribute("data-status", "skipped");
  expect(docker(["ps", "-aq", "--filter", `label=com.docker.compose.project=${stack.project}`])).toBe("");
});
