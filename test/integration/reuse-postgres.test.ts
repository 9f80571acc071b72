import { promises as fs } from "node:fs";
import path from "node:path";
import { Client } from "pg";
import { parse } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { configSchema } from "../../lib/config/schema";
import { testExistingPostgres } from "../../lib/deploy/reuse-postgres";
import {
  callApi,
  findFreePort,
  runCli,
  startDashboard,
  waitForDeployEnd,
  type RunningDashboard,
} from "../support/dashboard-server";
import {
  docker,
  engine,
  ensureLocalImage,
  dockerCompose,
  removeProject,
  requireTestImages,
  stackHealth,
  TEST_IMAGES,
  uniqueProjectName,
} from "../support/docker-fixtures";
import { writeStackConfig } from "../support/stack-config";

/**
 * Reusing a PostgreSQL that already runs on this machine (someone else's container, published
 * on the host): credentials tested for real, from the address containers come from; the
 * deploy then runs Temporal against it through host-gateway, with no PostgreSQL of its own.
 */

const OWNER_PASSWORD = "OwnerPassw0rd4711";
const APP_PASSWORD = "AppPassw0rdReuse4711";
const project = uniqueProjectName("it-reuse");
const foreignContainers: string[] = [];
let dashboard: RunningDashboard;
let foreignPort: number;
const responses: string[] = [];

async function startForeignPostgres(hostIp: string, port: number): Promise<void> {
  const name = uniqueProjectName("mycelium-it-foreign-pg");
  const container = await docker.createContainer({
    name,
    Image: TEST_IMAGES.postgres,
    Env: ["POSTGRES_USER=owner", `POSTGRES_PASSWORD=${OWNER_PASSWORD}`, "POSTGRES_DB=owner"],
    Labels: { "com.docker.compose.project": "someone-else" },
    ExposedPorts: { "5432/tcp": {} },
    HostConfig: { PortBindings: { "5432/tcp": [{ HostIp: hostIp, HostPort: String(port) }] } },
  });
  foreignContainers.push(name);
  await container.start();
  await asOwner(port, async () => undefined);
}

/** Run `work` as the server's owner, waiting for the server to accept logins first. */
async function asOwner<T>(port: number, work: (client: Client) => Promise<T>): Promise<T> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const client = new Client({ host: "127.0.0.1", port, user: "owner", password: OWNER_PASSWORD, database: "owner" });
    try {
      await client.connect();
    } catch (error) {
      await client.end().catch(() => undefined);
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500));
      continue;
    }
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  }
}

const api = <T>(route: string, init: RequestInit & { json?: unknown } = {}) =>
  callApi<T>(dashboard.url, route, init, (text) => responses.push(text));

beforeAll(async () => {
  await requireTestImages();
  await ensureLocalImage(TEST_IMAGES.postgres);
  foreignPort = await findFreePort();
  await startForeignPostgres("0.0.0.0", foreignPort);
  await asOwner(foreignPort, async (client) => {
    await client.query(`CREATE ROLE temporal_app LOGIN CREATEDB PASSWORD '${APP_PASSWORD}'`);
    await client.query(`CREATE ROLE limited LOGIN PASSWORD '${APP_PASSWORD}'`);
  });
  dashboard = await startDashboard();
  const [frontend, ui] = [await findFreePort(), await findFreePort()];
  await writeStackConfig(dashboard.configPath, {
    project,
    ports: { postgres: foreignPort, frontend, ui },
    healthcheckTimeout: 90,
  });
}, 120_000);

afterAll(async () => {
  await dashboard?.stop();
  await removeProject(project);
  for (const name of foreignContainers)
    await docker
      .getContainer(name)
      .remove({ force: true, v: true })
      .catch(() => undefined);
});

interface PlanBody {
  services: { service: string; action: string; containerName: string }[];
  portConflicts: { field: string; reusable: boolean; listener: { description: string } }[];
  blockers: { message: string }[];
  files: { path: string; content: string }[];
}

describe("reusing an existing PostgreSQL", () => {
  it("the plan names the foreign PostgreSQL and offers to reuse it", async () => {
    const answer = await api<PlanBody>("/api/deploy/plan");
    expect(answer).toHaveStatus(200);
    const { body } = answer;
    expect(body.portConflicts).toHaveLength(1);
    expect(body.portConflicts[0]).toMatchObject({ field: "services.postgres.port", reusable: true });
    expect(body.portConflicts[0]!.listener.description).toMatch(/PostgreSQL/);
  });

  it(
    "refuses a wrong password, a role that may not create databases " +
      "and a server containers cannot reach, and saves nothing",
    async () => {
      const configBefore = await fs.readFile(dashboard.configPath, "utf8");
      const wrong = await api<{ error: { code: string; message: string; hint: string } }>(
        "/api/deploy/reuse-postgres",
        {
          method: "POST",
          json: { user: "temporal_app", password: "not-the-password" },
        },
      );
      expect(wrong).toHaveStatus(400);
      expect(wrong.body.error.code).toBe("bad_request:postgres_credentials");
      expect(wrong.body.error.message).toContain('refused the login for user "temporal_app"');

      const limited = await api<{ error: { code: string; hint: string } }>("/api/deploy/reuse-postgres", {
        method: "POST",
        json: { user: "limited", password: APP_PASSWORD },
      });
      expect(limited).toHaveStatus(400);
      expect(limited.body.error.code).toBe("bad_request:postgres_privileges");
      expect(limited.body.error.hint).toContain("ALTER ROLE limited CREATEDB");

      const cli = await runCli(dashboard, ["deploy", "reuse-postgres", "--user", "temporal_app"], {
        MYCELIUM_POSTGRES_PASSWORD: "still-wrong",
      });
      expect(cli.code).not.toBe(0);
      expect(cli.stderr).toContain("refused the login");

      // Published on loopback only: the login works from here, but not from a container.
      const loopbackPort = await findFreePort();
      await startForeignPostgres("127.0.0.1", loopbackPort);
      await asOwner(loopbackPort, (client) =>
        client.query(`CREATE ROLE temporal_app LOGIN CREATEDB PASSWORD '${APP_PASSWORD}'`),
      );
      const config = configSchema.parse({ project_name: project, services: { postgres: { port: loopbackPort } } });
      await expect(
        testExistingPostgres(engine, config, { user: "temporal_app", password: APP_PASSWORD }),
      ).rejects.toMatchObject({
        code: "bad_request:postgres_loopback_only",
        message: expect.stringMatching(
          /accepts the login on 127\.0\.0\.1, but containers cannot reach it: nothing answers on [\d.]+:\d+/,
        ),
      });

      expect(await fs.readFile(dashboard.configPath, "utf8")).toBe(configBefore);
      await expect(
        fs.stat(path.join(dashboard.home, "data", "mycelium", "deployments", project, ".env")),
      ).rejects.toMatchObject({ code: "ENOENT" });
    },
  );

  it(
    "with good credentials: config switched, password kept in " +
      ".env only, and Temporal runs healthy on the reused server",
    async () => {
      const answer = await api<{ version: string; dockerHostAddress: string; edits: Record<string, unknown> }>(
        "/api/deploy/reuse-postgres",
        {
          method: "POST",
          json: { user: "temporal_app", password: APP_PASSWORD },
        },
      );
      expect(answer).toHaveStatus(200);
      const { body } = answer;
      expect(body.version).toMatch(/^15\.\d+$/);
      expect(body.dockerHostAddress).toMatch(/^\d+\.\d+\.\d+\.\d+$/);

      const saved = parse(await fs.readFile(dashboard.configPath, "utf8")) as {
        services: { postgres: Record<string, unknown> };
      };
      expect(saved.services.postgres).toMatchObject({
        reuse_existing: true,
        user: "temporal_app",
        version: body.version,
        port: foreignPort,
      });
      const deploymentDir = path.join(dashboard.home, "data", "mycelium", "deployments", project);
      const envFile = path.join(deploymentDir, ".env");
      expect((await fs.stat(envFile)).mode & 0o777).toBe(0o600);
      expect(await fs.readFile(envFile, "utf8")).toContain(`REUSED_POSTGRES_PASSWORD=${APP_PASSWORD}`);

      const plan = await api<PlanBody>("/api/deploy/plan");
      expect(plan.body.blockers).toEqual([]);
      expect(plan.body.portConflicts).toEqual([]);
      expect(plan.body.services.map((s) => [s.service, s.action])).toEqual([
        ["postgres", "reuse"],
        ["temporal", "create"],
        ["temporal-ui", "create"],
      ]);

      expect(await api("/api/deploy", { method: "POST" })).toHaveStatus(202);
      const deploy = await waitForDeployEnd(
        async () => (await api<{ deploy: { state: string } | null }>("/api/deploy/status")).body,
      );
      expect(deploy.state, dashboard.output()).toBe("succeeded");
      expect(await stackHealth(project)).toEqual([
        ["temporal", "running", "healthy"],
        ["temporal-ui", "running", "healthy"],
      ]);
      // Temporal created its databases on the reused server, owned by the role it logs in as.
      const databases = await asOwner(
        foreignPort,
        async (client) =>
          (
            await client.query<{ datname: string; owner: string }>(
              "SELECT datname, pg_get_userbyid(datdba) AS owner FROM " +
                "pg_database WHERE datname LIKE 'temporal%' ORDER BY datname",
            )
          ).rows,
      );
      expect(databases).toEqual([
        { datname: "temporal", owner: "temporal_app" },
        { datname: "temporal_visibility", owner: "temporal_app" },
      ]);
      // The portable compose file says the same, and docker-compose accepts it.
      expect(
        dockerCompose(["-p", project, "-f", "docker-compose.yml", "config", "--services"], deploymentDir)
          .trim()
          .split("\n")
          .sort(),
      ).toEqual(["temporal", "temporal-ui"]);

      const validation = await runCli(dashboard, ["validate", "--json"]);
      const { report } = JSON.parse(validation.stdout) as {
        report: { status: string; checks: { id: string; status: string; message: string }[] };
      };
      expect(
        report.checks.filter((c) => c.status === "fail"),
        validation.stdout,
      ).toEqual([]);
      expect(report.checks.find((c) => c.id === "postgres.schema.main")?.status).toBe("pass");
      // Nothing fails and nothing warns on a reused server Temporal runs healthy on: the report is
      // healthy, and `mycelium validate` exits 0 for that (1 is degraded, 2 cannot proceed).
      expect(report.status, validation.stdout).toBe("healthy");
      expect(validation.code, validation.stderr).toBe(0);

      const backup = await api<{ error: { code: string; hint: string } }>("/api/backups", { method: "POST" });
      expect(backup).toHaveStatus(409);
      expect(backup.body.error.code).toBe("conflict:postgres_reused");

      expect(responses.some((text) => text.includes(APP_PASSWORD))).toBe(false);
    },
    240_000,
  );
});
