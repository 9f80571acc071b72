import { createHash } from "node:crypto";
import { createReadStream, promises as fs } from "node:fs";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import type Docker from "dockerode";
import type { MyceliumConfig } from "../config/schema";
import { waitForHealthy } from "../docker/container-health";
import { stackService, startOrder } from "../stack/stack-services";
import { withEngine } from "../docker/docker-client";
import { listProjectContainers, type ProjectContainer } from "../docker/project-resources";
import { MyceliumError } from "../errors";
import { readManifest, type BackupManifest } from "./backup-manifest";
import { assertBackupId, backupDirectory } from "./backup-paths";
import { execInContainer } from "../docker/container-exec";
import { createBackupLocked } from "./create-backup";
import { acquireMaintenanceLock } from "./maintenance-lock";
import { trackOperation, type StepReporter } from "./maintenance-operations";
import { existingDatabases, findPostgresTarget, firstLine, psqlArgs, type PostgresTarget } from "./postgres-target";

export interface RestoreOptions {
  id: string;
  /** The project name, typed by the user: a restore replaces the current data. */
  confirmation: string | null;
  /** Back up the current data first (default), so a mistaken restore can be undone. */
  safetyBackup?: boolean;
  onStep?: StepReporter;
}

export interface RestoreResult {
  id: string;
  project: string;
  databases: string[];
  /** The backup of the data as it was just before, or null when it was not asked for. */
  safetyBackupId: string | null;
  /** Containers stopped for the restore and started again (healthy). */
  restarted: string[];
  durationMs: number;
}

/**
 * Replace the project's databases with a backup. Refused unless the project name is typed,
 * the backup is this project's and every file matches its sha256. Temporal and its UI are
 * stopped so nothing writes, each database is restored with `pg_restore --clean --if-exists
 * --single-transaction` fed through the exec's stdin (a database either gets the whole
 * backup or stays as it was), then they are started again and waited for until healthy.
 */
export async function restoreBackup(
  docker: Docker,
  config: MyceliumConfig,
  options: RestoreOptions,
): Promise<RestoreResult> {
  const project = config.project_name;
  assertBackupId(options.id);
  if (options.confirmation !== project) {
    throw new MyceliumError(
      "bad_request:confirmation",
      "The confirmation does not match the project name; nothing was restored.",
      {
        hint: `A restore replaces the current data: type the project name (${project}) exactly to confirm.`,
      },
    );
  }
  const directory = backupDirectory(project, options.id);
  const manifest = await loadBackup(directory, options.id, project);

  return trackOperation(
    project,
    "restore",
    async (step) => {
      const started = Date.now();
      step("Checking the backup's files against their sha256");
      await verifyBackupFiles(directory, manifest);
      let target = await findPostgresTarget(docker, config);
      const foreign = manifest.databases.filter((db) => !target.databases.includes(db.name));
      if (foreign.length) {
        throw new MyceliumError(
          "conflict:backup_databases",
          `Backup ${manifest.id} holds ${foreign.map((d) => d.name).join(", ")}, but this ` +
            `project's databases are ${target.databases.join(" and ")}; nothing was restored.`,
          {
            hint:
              "The database name in the config changed since the backup " +
              "was made: set services.postgres.database back to restore it.",
          },
        );
      }

      const release = await acquireMaintenanceLock(target.deploymentDir, "restore");
      let stopped: ProjectContainer[] = [];
      /** Filled as each database is restored, so a failure can say which were. */
      const restored: string[] = [];
      let safetyBackupId: string | null = null;
      let failure: unknown = null;
      try {
        // Read again under the lock: a deploy that just ended may have recreated the container.
        target = await findPostgresTarget(docker, config);
        stopped = await stopWriters(docker, project, step);
        if (options.safetyBackup !== false) {
          step("Backing up the current data first");
          safetyBackupId = (
            await createBackupLocked(docker, config, target, { reason: "before-restore", onStep: step })
          ).manifest.id;
        }
        await restoreDatabases(docker, target, directory, manifest, step, restored);
      } catch (error) {
        failure = error;
      }
      let restartFailure: unknown = null;
      try {
        await startAgain(docker, stopped, config.deployment.healthcheck_timeout, step);
      } catch (error) {
        restartFailure = error;
      } finally {
        await release();
      }

      if (failure) throw explainFailure(failure, manifest, restored, safetyBackupId, stopped, restartFailure);
      if (restartFailure) {
        const reason = restartFailure instanceof MyceliumError ? restartFailure.message : "it did not start";
        throw new MyceliumError(
          "unavailable:restart_after_restore",
          `The data of backup ${manifest.id} was restored, but the stack did not come back healthy: ${reason}`,
          {
            hint:
              "Run `mycelium deploy start` to bring every container " +
              "up again; `mycelium logs temporal` shows why it failed.",
            cause: restartFailure,
          },
        );
      }
      step(`Backup ${manifest.id} restored`);
      return {
        id: manifest.id,
        project,
        databases: restored,
        safetyBackupId,
        restarted: stopped.map((c) => c.name),
        durationMs: Date.now() - started,
      };
    },
    options.onStep,
  );
}

async function loadBackup(directory: string, id: string, project: string): Promise<BackupManifest> {
  const stat = await fs.lstat(directory).catch(() => null);
  if (!stat || !stat.isDirectory()) {
    throw new MyceliumError("not_found:backup", `There is no backup ${id} of project ${project}.`, {
      hint: "`mycelium backup list` (or the Maintenance page) shows the backups there are.",
    });
  }
  const manifest = await readManifest(directory);
  if (!manifest || manifest.id !== id) {
    throw new MyceliumError(
      "conflict:backup_damaged",
      `Backup ${id} cannot be used: its manifest.json is missing or damaged; nothing was restored.`,
      {
        hint: `Pick another backup; this one is in ${directory}.`,
      },
    );
  }
  if (manifest.project !== project) {
    throw new MyceliumError(
      "conflict:backup_other_project",
      `Backup ${id} belongs to project ${manifest.project}, not ${project}; nothing was restored.`,
      {
        hint: "Restore a backup of this project; Mycelium does not move data between projects.",
      },
    );
  }
  return manifest;
}

/** Every dump must be a regular file with the size and sha256 the manifest recorded. */
export async function verifyBackupFiles(directory: string, manifest: BackupManifest): Promise<void> {
  for (const db of manifest.databases) {
    const file = path.join(directory, db.file);
    const stat = await fs.lstat(file).catch(() => null);
    let problem: string | null = null;
    if (!stat || !stat.isFile()) problem = `${db.file} is missing`;
    else if (stat.size !== db.bytes) problem = `${db.file} has ${stat.size} bytes, the manifest says ${db.bytes}`;
    else {
      const hash = createHash("sha256");
      await pipeline(createReadStream(file), hash);
      if (hash.digest("hex") !== db.sha256) problem = `${db.file} does not match its sha256`;
    }
    if (problem) {
      throw new MyceliumError(
        "conflict:backup_damaged",
        `Backup ${manifest.id} is damaged: ${problem}; nothing was restored.`,
        {
          hint: "Restore another backup. A file of a backup must not be edited or replaced.",
        },
      );
    }
  }
}

async function stopWriters(docker: Docker, project: string, step: StepReporter): Promise<ProjectContainer[]> {
  const containers = await listProjectContainers(docker, project);
  // The services that write to PostgreSQL (or need Temporal), dependants first.
  const writers = startOrder(
    containers.map((c) => c.service).filter((service) => stackService(service)?.writesToDatabase),
  ).reverse();
  const running = writers
    .map((service) => containers.find((c) => c.service === service && c.state === "running"))
    .filter((c): c is ProjectContainer => Boolean(c));
  for (const container of running) {
    step(`Stopping ${container.name} so that nothing writes during the restore`);
    await withEngine(() => docker.getContainer(container.id).stop({ t: 20 })).catch(
      (error: { statusCode?: number }) => {
        if (error.statusCode !== 304) throw error;
      },
    );
  }
  return running;
}

/** Start what was stopped, Temporal before its UI, each waited for until healthy. */
async function startAgain(
  docker: Docker,
  stopped: ProjectContainer[],
  timeoutSeconds: number,
  step: StepReporter,
): Promise<void> {
  const deadline = Date.now() + timeoutSeconds * 1000;
  for (const container of [...stopped].reverse()) {
    step(`Starting ${container.name}`);
    await withEngine(() => docker.getContainer(container.id).start()).catch((error: { statusCode?: number }) => {
      if (error.statusCode !== 304) throw error;
    });
    const role = stackService(container.service)?.role;
    const { outcome } = await waitForHealthy(
      docker,
      [{ service: container.service, containerId: container.id, role }],
      deadline,
      () => undefined,
    );
    if (outcome !== "healthy") {
      throw new MyceliumError(
        "unavailable:container_unhealthy",
        `${container.name} ${outcome === "timeout" ? `was not healthy within ${timeoutSeconds} s` : `is ${outcome}`}.`,
        {
          hint: "Run `mycelium deploy start`, and see `mycelium logs` for why.",
        },
      );
    }
    step(`${container.name} is healthy`);
  }
}

async function restoreDatabases(
  docker: Docker,
  target: PostgresTarget,
  directory: string,
  manifest: BackupManifest,
  step: StepReporter,
  restored: string[],
): Promise<void> {
  const present = await existingDatabases(
    docker,
    target,
    manifest.databases.map((db) => db.name),
  );
  for (const db of manifest.databases) {
    step(`Restoring ${db.name}`);
    // Names match DATABASE_NAME_PATTERN (checked with the manifest), so they are safe in SQL.
    if (!present.includes(db.name)) await runSql(docker, target, `CREATE DATABASE "${db.name}"`);
    // Sessions of other clients (a psql, a dashboard check) would hold locks the restore needs.
    await runSql(
      docker,
      target,
      `SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity ` +
        `WHERE datname = '${db.name}' AND pid <> pg_backend_pid()`,
    ).catch(() => undefined);
    const result = await execInContainer(
      docker,
      target.container.id,
      [
        "pg_restore",
        "--no-password",
        "--username",
        target.user,
        "--dbname",
        db.name,
        "--clean",
        "--if-exists",
        "--single-transaction",
        "--exit-on-error",
        "--no-owner",
      ],
      { stdin: createReadStream(path.join(directory, db.file)), env: ["PGOPTIONS=-c lock_timeout=120000"] },
    );
    if (result.exitCode !== 0) {
      throw new MyceliumError(
        "unavailable:pg_restore",
        `pg_restore of ${db.name} failed (exit code ${result.exitCode}): ${firstLine(result.stderr)}`,
        {
          detail: result.stderr.slice(-2000),
        },
      );
    }
    restored.push(db.name);
  }
}

async function runSql(docker: Docker, target: PostgresTarget, sql: string): Promise<void> {
  const result = await execInContainer(docker, target.container.id, psqlArgs(target.user, "postgres", ["-c", sql]), {
    timeoutMs: 60_000,
  });
  if (result.exitCode !== 0) {
    throw new MyceliumError("unavailable:postgres", `PostgreSQL refused a restore step: ${firstLine(result.stderr)}`, {
      hint: "Check `mycelium logs postgres`, then try again.",
    });
  }
}

/** One sentence for a restore that failed part way: what changed, what did not, what to do. */
function explainFailure(
  failure: unknown,
  manifest: BackupManifest,
  restored: string[],
  safetyBackupId: string | null,
  stopped: ProjectContainer[],
  restartFailure: unknown,
): MyceliumError {
  const cause = failure instanceof MyceliumError ? failure : null;
  const reason = (cause?.message ?? "an unexpected error").replace(/\.?$/, ".");
  const untouched = manifest.databases.map((d) => d.name).filter((name) => !restored.includes(name));
  const changed = restored.length
    ? `${restored.join(" and ")} ${restored.length === 1 ? "was" : "were"} restored, ` +
      `${untouched.join(" and ")} kept ${untouched.length === 1 ? "its" : "their"} current data`
    : "nothing was changed";
  const restart =
    stopped.length === 0
      ? ""
      : restartFailure
        ? " Temporal did not come back healthy: run `mycelium deploy start`."
        : " Temporal was started again.";
  const undo = restored.length && safetyBackupId ? ` Backup ${safetyBackupId} holds the data as it was before.` : "";
  return new MyceliumError(
    cause?.code ?? "internal:restore",
    `The restore of backup ${manifest.id} stopped: ${reason} So far ${changed}.`,
    {
      hint:
        `${cause?.hint ?? "Check `mycelium deploy status` and `mycelium logs postgres`, then try again."}` +
        `${restart}${undo}`,
      detail: cause?.detail,
      cause: failure,
    },
  );
}
