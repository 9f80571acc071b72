import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { promises as fs } from "node:fs";
import path from "node:path";
import { Client } from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acquireDeployLock } from "../../lib/deploy/deploy-lock";
import { deploymentDirectory, readDeploymentSecrets } from "../../lib/deploy/deployment-files";
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
  TEST_IMAGES,
  uniqueProjectName,
} from "../support/docker-fixtures";

/**
 * Backups and restores of a real stack (PostgreSQL, the real Temporal 1.22 server and its UI),
 * through the dashboard's API and the CLI, as users run them: pg_dump and
 * pg_restore run inside the PostgreSQL container through the engine's exec API.
 */

const project = uniqueProjectName("it-backup");
let dashboard: RunningDashboard;
let postgresPort: number;
let backupsDir: string;

interface BackupSummary {
  id: string;
  reason: string;
  totalBytes: number;
  durationMs: number;
  databases: { name: string; bytes: number }[];
}
type ErrorBody = { error: { code: string; message: string; hint?: string } };

/**
 * `schema_version.curr_version` of each database as Temporal 1.22.0's auto-setup leaves them
 * with the postgres12 plugin chosen for PostgreSQL 15: the last versioned directories of the
 * module's schema/postgresql/v12 (main schema 1.10, visibility 1.3).
 */
const TEMPORAL_SCHEMA_VERSIONS = { temporal: "1.10", temporal_visibility: "1.3" };

function api<T = unknown>(route: string, init: RequestInit & { json?: unknown } = {}): Promise<ApiAnswer<T>> {
  return callApi<T>(dashboard.url, route, init);
}

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return runCli(dashboard, args);
}

async function sql<T = Record<string, unknown>>(database: string, text: string): Promise<T[]> {
  const secrets = (await readDeploymentSecrets(deploymentDirectory(project)))!;
  const client = new Client({
    host: "127.0.0.1",
    port: postgresPort,
    user: secrets.POSTGRES_USER,
    password: secrets.POSTGRES_PASSWORD,
    database,
  });
  await client.connect();
  try {
    return (await client.query(text)).rows as T[];
  } finally {
    await client.end();
  }
}

async function startedAt(service: string): Promise<string> {
  return (await docker.getContainer(`${project}-${service}`).inspect()).State.StartedAt;
}

async function namespaces(): Promise<string[]> {
  const answer = await api<{ namespaces: { name: string }[] }>("/api/namespaces");
  expect(answer).toHaveStatus(200);
  return answer.body.namespaces.map((n) => n.name);
}

async function sha256(file: string): Promise<string> {
  return createHash("sha256")
    .update(await fs.readFile(file))
    .digest("hex");
}

beforeAll(async () => {
  await requireTestImages();
  dashboard = await startDashboard();
  // The in-process reads (deploymentDirectory, readStackStatus) see the dashboard's data.
  process.env.XDG_DATA_HOME = path.join(dashboard.home, "data");
  backupsDir = path.join(dashboard.home, "data", "mycelium", "backups", project);
  postgresPort = (await writeStackConfig(dashboard.configPath, { project, healthcheckTimeout: 90 })).postgres;
  expect(await api("/api/deploy", { method: "POST" })).toHaveStatus(202);
  const deploy = await waitForDeployEnd(
    async () => (await api<{ deploy: { state: string; lastEvent: unknown } | null }>("/api/deploy/status")).body,
    150_000,
  );
  if (deploy.state !== "succeeded") throw new Error(`deploy failed: ${JSON.stringify(deploy.lastEvent)}`);
});

afterAll(async () => {
  await dashboard?.stop();
  await removeProject(project);
  if (dashboard) await fs.rm(dashboard.home, { recursive: true, force: true });
});

describe("backup and restore of a running stack", () => {
  let backup: BackupSummary;

  it(
    "creates a backup of both databases through the API: 0600 files in " +
      "a 0700 directory, checksums in the manifest, listed by API and CLI",
    async () => {
      await sql("temporal", "CREATE TABLE keepsake (note text); INSERT INTO keepsake VALUES ('before the backup')");
      await sql(
        "temporal_visibility",
        "CREATE TABLE marker (note text); INSERT INTO marker VALUES ('visibility before')",
      );

      const started = Date.now();
      const created = await api<{ backup: BackupSummary }>("/api/backups", { method: "POST" });
      const elapsed = Date.now() - started;
      expect(created).toHaveStatus(201);
      backup = created.body.backup;
      expect(backup.id).toMatch(/^\d{8}-\d{6}-\d{3}$/);
      expect(backup.databases.map((d) => d.name)).toEqual(["temporal", "temporal_visibility"]);
      console.log(
        `[figures] backup of the test stack: ${backup.totalBytes} bytes ` +
          `(${backup.databases.map((d) => `${d.name} ${d.bytes}`).join(", ")}), ${elapsed} ms through the API`,
      );

      const directory = path.join(backupsDir, backup.id);
      expect((await fs.stat(backupsDir)).mode & 0o777).toBe(0o700);
      expect((await fs.stat(directory)).mode & 0o777).toBe(0o700);
      expect((await fs.readdir(directory)).sort()).toEqual([
        "manifest.json",
        "temporal.dump",
        "temporal_visibility.dump",
      ]);
      for (const file of await fs.readdir(directory))
        expect((await fs.stat(path.join(directory, file))).mode & 0o777).toBe(0o600);
      expect(await fs.readdir(backupsDir)).toEqual([backup.id]);

      const manifest = JSON.parse(await fs.readFile(path.join(directory, "manifest.json"), "utf8"));
      expect(manifest).toMatchObject({
        format: "mycelium-backup/1",
        id: backup.id,
        project,
        reason: "manual",
        postgres: { version: expect.stringMatching(/^15\./), image: TEST_IMAGES.postgres },
        temporal: { version: "1.22.0", image: TEST_IMAGES.temporal, schemaVersions: TEMPORAL_SCHEMA_VERSIONS },
      });
      expect(manifest.temporal.schemaVersions).toEqual(TEMPORAL_SCHEMA_VERSIONS);
      // The versions are the ones the databases hold, not just the ones this test expects.
      expect((await docker.getContainer(`${project}-temporal`).inspect()).Config.Env).toContain("DB=postgres12");
      for (const [database, version] of Object.entries(TEMPORAL_SCHEMA_VERSIONS)) {
        expect(
          await sql(
            database,
            `SELECT curr_version FROM schema_version WHERE version_partition = 0 AND db_name = '${database}'`,
          ),
          database,
        ).toEqual([{ curr_version: version }]);
      }
      for (const db of manifest.databases as { name: string; file: string; bytes: number; sha256: string }[]) {
        const file = path.join(directory, db.file);
        expect(db.sha256).toBe(await sha256(file));
        expect(db.bytes).toBe((await fs.stat(file)).size);
        // pg_dump's custom format, byte for byte: nothing of the exec's framing got in.
        expect((await fs.readFile(file)).subarray(0, 5).toString()).toBe("PGDMP");
      }
      expect(manifest.postgres.version).not.toContain("password");

      const listed = await api<{
        backups: BackupSummary[];
        operation: { kind: string; state: string; steps: unknown[] };
      }>("/api/backups");
      expect(listed.body.backups.map((b) => b.id)).toEqual([backup.id]);
      expect(listed.body.operation).toMatchObject({ kind: "backup", state: "succeeded" });

      const json = await cli(["backup", "list", "--json"]);
      expect(json.code).toBe(0);
      expect((JSON.parse(json.stdout) as { backups: BackupSummary[] }).backups).toEqual(listed.body.backups);
      const text = await cli(["backup", "list"]);
      expect(text.stdout).toContain(backup.id);
      expect(text.stdout).toMatch(/KB/);
    },
  );

  it("refuses a wrong confirmation, an unknown id and a path as an id, and changes nothing", async () => {
    await sql("temporal", "DELETE FROM keepsake; INSERT INTO keepsake VALUES ('after the backup')");
    expect(
      await api("/api/namespaces", { method: "POST", json: { name: "after-backup", retentionHours: 24 } }),
    ).toHaveStatus(201);
    const temporalStarted = await startedAt("temporal");

    const wrong = await api<ErrorBody>("/api/backups/restore", {
      method: "POST",
      json: { id: backup.id, confirmation: `${project}x` },
    });
    expect(wrong).toHaveStatus(400);
    expect(wrong.body.error).toMatchObject({
      code: "bad_request:confirmation",
      message: expect.stringContaining("nothing was restored"),
    });
    expect(wrong.body.error.hint).toContain(project);

    const unknown = await api<ErrorBody>("/api/backups/restore", {
      method: "POST",
      json: { id: "20000101-000000-000", confirmation: project },
    });
    expect(unknown).toHaveStatus(404);
    expect(unknown.body.error.code).toBe("not_found:backup");

    for (const id of ["../../deployments", `../${project}/${backup.id}`, "/etc", "20000101-000000-000/../.."]) {
      const traversal = await api<ErrorBody>("/api/backups/restore", {
        method: "POST",
        json: { id, confirmation: project },
      });
      expect(traversal, id).toHaveStatus(400);
      expect(traversal.body.error.code).toBe("bad_request:backup_id");
    }
    expect(await api<ErrorBody>("/api/backups/restore", { method: "POST", json: { id: backup.id } })).toHaveStatus(400);

    const cliWrong = await cli(["backup", "restore", backup.id, "--confirm", "nope"]);
    expect(cliWrong.code).toBe(2);
    expect(cliWrong.stderr).toContain("The confirmation does not match the project name; nothing was restored.");
    expect(cliWrong.stderr).not.toMatch(/\bat .*\.ts:\d+/);
    const cliNoConfirm = await cli(["backup", "restore", backup.id]);
    expect(cliNoConfirm.code).toBe(2);
    expect(cliNoConfirm.stderr).toContain(`--confirm ${project}`);

    expect(await sql("temporal", "SELECT note FROM keepsake")).toEqual([{ note: "after the backup" }]);
    expect(await startedAt("temporal")).toBe(temporalStarted);
    expect(await fs.readdir(backupsDir)).toEqual([backup.id]);
    expect(await stackHealth(project)).toEqual(HEALTHY_STACK);
  });

  it("refuses a damaged backup and another project's backup before stopping anything", async () => {
    const temporalStarted = await startedAt("temporal");
    const copy = async (id: string, edit: (manifest: Record<string, unknown>) => void) => {
      const target = path.join(backupsDir, id);
      await fs.cp(path.join(backupsDir, backup.id), target, { recursive: true });
      const manifest = JSON.parse(await fs.readFile(path.join(target, "manifest.json"), "utf8"));
      edit(manifest);
      await fs.writeFile(path.join(target, "manifest.json"), JSON.stringify(manifest));
      return target;
    };
    const damaged = await copy("20000101-000000-001", (m) => (m.id = "20000101-000000-001"));
    const dump = await fs.readFile(path.join(damaged, "temporal.dump"));
    dump[dump.length - 10] = dump[dump.length - 10]! ^ 0xff;
    await fs.writeFile(path.join(damaged, "temporal.dump"), dump);
    const foreign = await copy("20000101-000000-002", (m) => {
      m.id = "20000101-000000-002";
      m.project = "someone-else";
    });
    try {
      const refusedDamaged = await api<ErrorBody>("/api/backups/restore", {
        method: "POST",
        json: { id: "20000101-000000-001", confirmation: project },
      });
      expect(refusedDamaged).toHaveStatus(409);
      expect(refusedDamaged.body.error).toMatchObject({
        code: "conflict:backup_damaged",
        message: expect.stringContaining("temporal.dump does not match its sha256; nothing was restored"),
      });
      const refusedForeign = await api<ErrorBody>("/api/backups/restore", {
        method: "POST",
        json: { id: "20000101-000000-002", confirmation: project },
      });
      expect(refusedForeign).toHaveStatus(409);
      expect(refusedForeign.body.error).toMatchObject({
        code: "conflict:backup_other_project",
        message: expect.stringContaining("belongs to project someone-else"),
      });
      // A foreign manifest is not even listed.
      expect((await api<{ backups: BackupSummary[] }>("/api/backups")).body.backups.map((b) => b.id)).toEqual([
        backup.id,
        "20000101-000000-001",
      ]);
    } finally {
      await fs.rm(damaged, { recursive: true, force: true });
      await fs.rm(foreign, { recursive: true, force: true });
    }
    expect(await startedAt("temporal")).toBe(temporalStarted);
    expect(await sql("temporal", "SELECT note FROM keepsake")).toEqual([{ note: "after the backup" }]);
  });

  it(
    "restores through the API with the typed project name: the data " +
      "is back, Temporal restarted and healthy, the replaced data kept",
    async () => {
      const temporalStarted = await startedAt("temporal");
      expect(await namespaces()).toContain("after-backup");

      const started = Date.now();
      const restored = await api<{
        restore: { id: string; databases: string[]; safetyBackupId: string; restarted: string[] };
      }>("/api/backups/restore", {
        method: "POST",
        json: { id: backup.id, confirmation: project },
      });
      const elapsed = Date.now() - started;
      expect(restored).toHaveStatus(200);
      console.log(
        `[figures] restore of the test stack (safety backup + 2 databases ` +
          `+ Temporal and UI restarted): ${elapsed} ms through the API`,
      );
      expect(restored.body.restore).toMatchObject({
        id: backup.id,
        databases: ["temporal", "temporal_visibility"],
        restarted: [`${project}-temporal-ui`, `${project}-temporal`],
      });

      expect(await sql("temporal", "SELECT note FROM keepsake")).toEqual([{ note: "before the backup" }]);
      expect(await sql("temporal_visibility", "SELECT note FROM marker")).toEqual([{ note: "visibility before" }]);
      expect(await stackHealth(project)).toEqual(HEALTHY_STACK);
      expect(await startedAt("temporal")).not.toBe(temporalStarted);
      // Temporal reads the restored database: the namespace registered after the backup is gone.
      const names = await namespaces();
      expect(names).toContain("default");
      expect(names).not.toContain("after-backup");

      const { safetyBackupId } = restored.body.restore;
      const listed = (
        await api<{
          backups: BackupSummary[];
          operation: { kind: string; state: string; steps: { message: string }[] };
        }>("/api/backups")
      ).body;
      expect(listed.backups.map((b) => [b.id, b.reason])).toEqual([
        [safetyBackupId, "before-restore"],
        [backup.id, "manual"],
      ]);
      expect(listed.operation).toMatchObject({ kind: "restore", state: "succeeded" });
      expect(listed.operation.steps.map((s) => s.message)).toEqual(
        expect.arrayContaining([
          `Stopping ${project}-temporal so that nothing writes during the restore`,
          "Restoring temporal",
          `${project}-temporal is healthy`,
        ]),
      );

      // The automatic backup holds what the restore replaced: the CLI restores it.
      const undo = await cli(["backup", "restore", safetyBackupId, "--confirm", project, "--no-safety-backup"]);
      expect(undo.stderr).toBe("");
      expect(undo.code).toBe(0);
      expect(undo.stdout).toContain(`✓ Backup ${safetyBackupId} restored into temporal and temporal_visibility`);
      expect(await sql("temporal", "SELECT note FROM keepsake")).toEqual([{ note: "after the backup" }]);
      expect(await namespaces()).toContain("after-backup");
      expect(await stackHealth(project)).toEqual(HEALTHY_STACK);
      expect((await fs.readdir(backupsDir)).sort()).toEqual([backup.id, safetyBackupId].sort());
    },
  );

  it(
    "says exactly what changed when a restore fails part way: the first " +
      "database restored, the second untouched, Temporal running again",
    async () => {
      await sql("temporal_visibility", "INSERT INTO marker VALUES ('visibility now')");
      // A copy of the backup whose second dump is not a dump, with a manifest that matches it.
      const id = "20000101-000000-003";
      const target = path.join(backupsDir, id);
      await fs.cp(path.join(backupsDir, backup.id), target, { recursive: true });
      const garbage = Buffer.from("PGDMP but not really a custom-format archive\n");
      await fs.writeFile(path.join(target, "temporal_visibility.dump"), garbage);
      const manifest = JSON.parse(await fs.readFile(path.join(target, "manifest.json"), "utf8"));
      manifest.id = id;
      manifest.databases[1].bytes = garbage.length;
      manifest.databases[1].sha256 = createHash("sha256").update(garbage).digest("hex");
      await fs.writeFile(path.join(target, "manifest.json"), JSON.stringify(manifest));
      try {
        const failed = await api<ErrorBody>("/api/backups/restore", {
          method: "POST",
          json: { id, confirmation: project },
        });
        expect(failed).toHaveStatus(503);
        expect(failed.body.error.code).toBe("unavailable:pg_restore");
        expect(failed.body.error.message).toMatch(
          new RegExp(
            `^The restore of backup ${id} stopped: pg_restore of temporal_visibility failed \\(exit ` +
              `code 1\\): .+ So far temporal was restored, temporal_visibility kept its current data\\.$`,
          ),
        );
        expect(failed.body.error.hint).toMatch(
          /Temporal was started again\. Backup \d{8}-\d{6}-\d{3} holds the data as it was before\.$/,
        );
        // pg_restore ran in one transaction: the visibility database is exactly as it was.
        expect(await sql("temporal_visibility", "SELECT note FROM marker ORDER BY note")).toEqual([
          { note: "visibility before" },
          { note: "visibility now" },
        ]);
        expect(await sql("temporal", "SELECT note FROM keepsake")).toEqual([{ note: "before the backup" }]);
        expect(await stackHealth(project)).toEqual(HEALTHY_STACK);
      } finally {
        await fs.rm(target, { recursive: true, force: true });
      }
    },
  );

  it("creates a backup with the CLI", async () => {
    const created = await cli(["backup", "create"]);
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/✓ Backup \d{8}-\d{6}-\d{3} created: temporal \(.+\), temporal_visibility \(.+\)/);
    expect(created.stdout).toContain(backupsDir);
  });

  it("is refused while a deploy (or another maintenance operation) of the project holds the lock", async () => {
    const temporalStarted = await startedAt("temporal");
    // This test process holds the project's deploy lock, as a running `mycelium deploy start` would.
    const release = await acquireDeployLock(deploymentDirectory(project));
    try {
      const backupRefused = await api<ErrorBody>("/api/backups", { method: "POST" });
      expect(backupRefused).toHaveStatus(409);
      expect(backupRefused.body.error).toMatchObject({
        code: "conflict:maintenance_running",
        message: "Cannot start a backup now: a deploy of this project is already running.",
      });
      const restoreRefused = await api<ErrorBody>("/api/backups/restore", {
        method: "POST",
        json: { id: backup.id, confirmation: project },
      });
      expect(restoreRefused).toHaveStatus(409);
      expect(restoreRefused.body.error.message).toBe(
        "Cannot start a restore now: a deploy of this project is already running.",
      );
    } finally {
      await release();
    }
    // Held by a restore, a deploy is refused with the restore named, not as "a deploy is running".
    const releaseRestore = await acquireDeployLock(deploymentDirectory(project), "restore");
    try {
      const deployRefused = await api<ErrorBody>("/api/deploy", { method: "POST" });
      expect(deployRefused).toHaveStatus(409);
      expect(deployRefused.body.error).toMatchObject({
        code: "conflict:maintenance_running",
        message: "A restore of this project is running.",
      });
    } finally {
      await releaseRestore();
    }
    expect(await startedAt("temporal")).toBe(temporalStarted);
    expect(await stackHealth(project)).toEqual(HEALTHY_STACK);
  });

  it("leaves no backup behind when the disk fills up half way", async () => {
    if (process.getuid?.() !== 0)
      throw new Error("This test mounts a tiny tmpfs as the backups directory, which needs root.");
    const aside = `${backupsDir}.aside`;
    await fs.rename(backupsDir, aside);
    await fs.mkdir(backupsDir, { mode: 0o700 });
    // Room for the first dump and a little more, not for the second.
    const room = Math.ceil(backup.databases[0]!.bytes / 4096) * 4 + 8;
    execFileSync("mount", ["-t", "tmpfs", "-o", `size=${room}k,mode=0700`, "tmpfs", backupsDir]);
    try {
      const failed = await api<ErrorBody>("/api/backups", { method: "POST" });
      expect(failed).toHaveStatus(503);
      expect(failed.body.error).toMatchObject({
        code: "unavailable:disk_full",
        message: expect.stringContaining("the disk is full; no backup was kept"),
      });
      expect(await fs.readdir(backupsDir)).toEqual([]);
      expect((await api<{ backups: unknown[] }>("/api/backups")).body.backups).toEqual([]);
    } finally {
      execFileSync("umount", [backupsDir]);
      await fs.rmdir(backupsDir);
      await fs.rename(aside, backupsDir);
    }
  });

  it("says why when PostgreSQL is not running, and keeps nothing", async () => {
    const before = await fs.readdir(backupsDir);
    await docker.getContainer(`${project}-postgres`).stop({ t: 5 });
    const refused = await api<ErrorBody>("/api/backups", { method: "POST" });
    expect(refused).toHaveStatus(409);
    expect(refused.body.error).toMatchObject({
      code: "conflict:postgres_not_running",
      message:
        `${project}-postgres is stopped: PostgreSQL must be ` +
        `running to back it up, restore it or change its password.`,
    });
    expect(refused.body.error.hint).toContain("mycelium deploy start");
    expect(await fs.readdir(backupsDir)).toEqual(before);
  });
});
