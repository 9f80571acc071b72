import { promises as fs } from "node:fs";
import path from "node:path";
import { Client } from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deploymentDirectory, readDeploymentSecrets } from "../../lib/deploy/deployment-files";
import { readStackStatus } from "../../lib/deploy/stack-status";
import {
  callApi,
  runCli,
  startDashboard,
  waitForDeployEnd,
  type ApiAnswer,
  type RunningDashboard,
} from "../support/dashboard-server";
import { writeStackConfig } from "../support/stack-config";
import {
  docker,
  HEALTHY_STACK,
  removeProject,
  requireTestImages,
  stackHealth,
  uniqueProjectName,
} from "../support/docker-fixtures";

/**
 * Password rotation on a real stack: the role's password changes inside PostgreSQL, `.env`
 * follows, the containers using it are recreated, the data stays, and the password shows up
 * in nothing the CLI printed or the API answered (nor in the dashboard's own output).
 */

const project = uniqueProjectName("it-password");
let dashboard: RunningDashboard;
let postgresPort: number;
let envPath: string;
/** Every byte the CLI printed and the API answered, searched for passwords at the end. */
const outputs: string[] = [];
const passwords: string[] = [];

function api<T = unknown>(route: string, init: RequestInit = {}): Promise<ApiAnswer<T>> {
  return callApi<T>(dashboard.url, route, init, (text) => outputs.push(text));
}

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const run = await runCli(dashboard, args);
  outputs.push(run.stdout, run.stderr);
  return run;
}

async function currentSecrets(): Promise<Record<string, string>> {
  return (await readDeploymentSecrets(deploymentDirectory(project)))!;
}

async function connect(password: string): Promise<Client> {
  const client = new Client({
    host: "127.0.0.1",
    port: postgresPort,
    user: "postgres",
    password,
    database: "temporal",
  });
  await client.connect();
  return client;
}

/** null when the login works, else PostgreSQL's SQLSTATE. */
async function loginError(password: string): Promise<string | null> {
  try {
    await (await connect(password)).end();
    return null;
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
}

async function keepsake(password: string): Promise<unknown[]> {
  const client = await connect(password);
  try {
    return (await client.query("SELECT note FROM keepsake")).rows;
  } finally {
    await client.end();
  }
}

async function containerIds(): Promise<Record<string, string>> {
  const status = await readStackStatus(docker, project);
  return Object.fromEntries(status.services.map((s) => [s.service, s.containerId]));
}

async function temporalEnv(name: string): Promise<string | undefined> {
  const env = (await docker.getContainer(`${project}-temporal`).inspect()).Config.Env;
  return env.find((entry) => entry.startsWith(`${name}=`))?.slice(name.length + 1);
}

function waitForDeploy(): Promise<{ state: string }> {
  return waitForDeployEnd(
    async () => (await api<{ deploy: { state: string } | null }>("/api/deploy/status")).body,
    150_000,
  );
}

beforeAll(async () => {
  await requireTestImages();
  dashboard = await startDashboard();
  process.env.XDG_DATA_HOME = path.join(dashboard.home, "data");
  envPath = path.join(deploymentDirectory(project), ".env");
  postgresPort = (await writeStackConfig(dashboard.configPath, { project, healthcheckTimeout: 90 })).postgres;
  expect(await api("/api/deploy", { method: "POST" })).toHaveStatus(202);
  expect((await waitForDeploy()).state).toBe("succeeded");
  const first = (await currentSecrets()).POSTGRES_PASSWORD!;
  passwords.push(first);
  const client = await connect(first);
  await client.query("CREATE TABLE keepsake (note text); INSERT INTO keepsake VALUES ('survives rotations')");
  await client.end();
});

afterAll(async () => {
  await dashboard?.stop();
  await removeProject(project);
  if (dashboard) await fs.rm(dashboard.home, { recursive: true, force: true });
});

describe("rotating the PostgreSQL password", () => {
  it("refuses to run without --yes or a terminal, and --show without a terminal; nothing changes", async () => {
    const before = await fs.readFile(envPath, "utf8");
    const noYes = await cli(["password", "rotate"]);
    expect(noYes.code).toBe(2);
    expect(noYes.stderr).toContain("pass --yes");
    const show = await cli(["password", "rotate", "--yes", "--show"]);
    expect(show.code).toBe(2);
    expect(show.stderr).toContain("--show prints the new password only to a terminal");
    expect(await fs.readFile(envPath, "utf8")).toBe(before);
  });

  it(
    "with the CLI: the old password stops working, the new one works, " +
      "PostgreSQL and Temporal are recreated with it, the data stays",
    async () => {
      const [old] = passwords as [string];
      const before = await containerIds();
      const started = Date.now();
      const run = await cli(["password", "rotate", "--yes"]);
      const elapsed = Date.now() - started;
      expect(run.stderr).toBe("");
      expect(run.code).toBe(0);
      console.log(
        `[figures] password rotation with the CLI (ALTER ROLE + .env + redeploy until healthy): ${elapsed} ms`,
      );
      expect(run.stdout).toContain("▸ Changing the password of the PostgreSQL role postgres");
      expect(run.stdout).toContain("✓ The password was changed and saved in");
      expect(run.stdout).toContain("✓ Temporal is running with the new password.");

      const secrets = await currentSecrets();
      const fresh = secrets.POSTGRES_PASSWORD!;
      passwords.push(fresh);
      expect(fresh).toMatch(/^[A-Za-z0-9]{32}$/);
      expect(fresh).not.toBe(old);
      expect(secrets).toMatchObject({
        POSTGRES_USER: "postgres",
        POSTGRES_DB: "temporal",
        COMPOSE_PROJECT_NAME: project,
      });
      expect((await fs.stat(envPath)).mode & 0o777).toBe(0o600);
      expect((await fs.readFile(envPath, "utf8")).match(/^COMPOSE_PROJECT_NAME=/gm)).toHaveLength(1);
      await expect(fs.stat(`${envPath}.rotating`)).rejects.toMatchObject({ code: "ENOENT" });

      expect(await loginError(old)).toBe("28P01"); // invalid_password
      expect(await loginError(fresh)).toBeNull();
      expect(await keepsake(fresh)).toEqual([{ note: "survives rotations" }]);

      const after = await containerIds();
      expect(after.postgres).not.toBe(before.postgres);
      expect(after.temporal).not.toBe(before.temporal);
      expect(after["temporal-ui"]).toBe(before["temporal-ui"]);
      expect(await temporalEnv("POSTGRES_PWD")).toBe(fresh);
      expect(await stackHealth(project)).toEqual(HEALTHY_STACK);
    },
  );

  it(
    "with the API: 202 without the password, the redeploy " + "succeeds, and Temporal serves with the new one",
    async () => {
      const previous = passwords.at(-1)!;
      const response = await api<{ rotated: boolean; session: { state: string; project: string } | null }>(
        "/api/secrets/rotate",
        { method: "POST" },
      );
      expect(response).toHaveStatus(202);
      expect(response.body).toMatchObject({ rotated: true, session: { project, state: "running" } });
      expect((await waitForDeploy()).state).toBe("succeeded");
      const fresh = (await currentSecrets()).POSTGRES_PASSWORD!;
      passwords.push(fresh);
      expect(fresh).not.toBe(previous);
      expect(await loginError(previous)).toBe("28P01");
      expect(await keepsake(fresh)).toEqual([{ note: "survives rotations" }]);
      expect(await temporalEnv("POSTGRES_PWD")).toBe(fresh);
      expect(await stackHealth(project)).toEqual(HEALTHY_STACK);
      // Temporal itself works with it: the namespaces are read from PostgreSQL.
      expect(
        (await api<{ namespaces: { name: string }[] }>("/api/namespaces")).body.namespaces.map((n) => n.name),
      ).toContain("default");

      // What the page shows: the operation's steps, and the deploy's events.
      const { body } = await api<{ operation: { kind: string; state: string } }>("/api/backups");
      expect(body.operation).toMatchObject({ kind: "rotate-password", state: "succeeded" });
      const events = await fetch(`${dashboard.url}/api/deploy/events`, { headers: { origin: dashboard.url } });
      outputs.push(await events.text());
    },
  );

  it("refuses a body, and when PostgreSQL refuses the change leaves .env untouched and starts no deploy", async () => {
    const current = passwords.at(-1)!;
    const withBody = await api<{ error: { code: string } }>("/api/secrets/rotate", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ password: "chosen-by-me" }),
    });
    expect(withBody).toHaveStatus(400);

    // A role that does not exist: psql cannot log in as it, so ALTER ROLE never runs.
    const original = await fs.readFile(envPath, "utf8");
    const broken = original.replace(/^POSTGRES_USER=.*$/m, "POSTGRES_USER=nobody_here");
    await fs.writeFile(envPath, broken, { mode: 0o600 });
    try {
      const deployBefore = (await api<{ deploy: { id: string } }>("/api/deploy/status")).body.deploy.id;
      const refused = await api<{ error: { code: string; message: string; hint: string } }>("/api/secrets/rotate", {
        method: "POST",
      });
      expect(refused).toHaveStatus(503);
      expect(refused.body.error.code).toBe("unavailable:password_change");
      expect(refused.body.error.message).toMatch(/^PostgreSQL did not accept the new password: .*nobody_here/);
      expect(refused.body.error.hint).toContain("Nothing was changed");
      expect(await fs.readFile(envPath, "utf8")).toBe(broken);
      await expect(fs.stat(`${envPath}.rotating`)).rejects.toMatchObject({ code: "ENOENT" });
      expect((await api<{ deploy: { id: string } }>("/api/deploy/status")).body.deploy.id).toBe(deployBefore);
      expect(await loginError(current)).toBeNull();
    } finally {
      await fs.writeFile(envPath, original, { mode: 0o600 });
    }
  });

  it("never printed or answered any of the passwords", async () => {
    expect(passwords).toHaveLength(3);
    const everything = [...outputs, dashboard.output()].join("\n");
    expect(everything.length).toBeGreaterThan(1000);
    for (const password of passwords) expect(everything.includes(password), "a password leaked").toBe(false);
  });
});
