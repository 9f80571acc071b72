import { createHash, randomBytes } from "node:crypto";
import { createWriteStream, promises as fs } from "node:fs";
import path from "node:path";
import { Transform } from "node:stream";
import { finished } from "node:stream/promises";
import type Docker from "dockerode";
import type { MyceliumConfig } from "../config/schema";
import { MyceliumError } from "../errors";
import { listProjectContainers } from "../docker/project-resources";
import { writeFileAtomic } from "../fs/atomic-write";
import { backupManifestSchema, MANIFEST_FORMAT, type BackupManifest } from "./backup-manifest";
import { MANIFEST_FILE, newBackupId, PARTIAL_PREFIX, projectBackupsDirectory } from "./backup-paths";
import { execInContainer, type ExecResult } from "../docker/container-exec";
import { withMaintenanceLock } from "./maintenance-lock";
import { trackOperation, type StepReporter } from "./maintenance-operations";
import { existingDatabases, findPostgresTarget, firstLine, queryValue, type PostgresTarget } from "./postgres-target";

export interface CreatedBackup {
  manifest: BackupManifest;
  directory: string;
}

export interface CreateBackupOptions {
  reason?: BackupManifest["reason"];
  onStep?: StepReporter;
  now?: () => Date;
}

/**
 * `pg_dump -Fc` of Temporal's two databases, run inside the PostgreSQL container and streamed
 * out of the exec's stdout into `<id>/<db>.dump`, hashed on the way, plus `manifest.json`.
 * Everything is written into a hidden `.partial-…` directory that is renamed to the id only
 * when complete: a failure or a crash never leaves a backup that looks usable.
 */
export async function createBackup(
  docker: Docker,
  config: MyceliumConfig,
  options: CreateBackupOptions = {},
): Promise<CreatedBackup> {
  return trackOperation(
    config.project_name,
    "backup",
    async (step) => {
      const { deploymentDir } = await findPostgresTarget(docker, config);
      // Read again under the lock: a deploy that just ended may have recreated the container.
      return withMaintenanceLock(deploymentDir, "backup", async () =>
        createBackupLocked(docker, config, await findPostgresTarget(docker, config), { ...options, onStep: step }),
      );
    },
    options.onStep,
  );
}

/** The backup itself, for a caller that already holds the project's lock (a restore). */
export async function createBackupLocked(
  docker: Docker,
  config: MyceliumConfig,
  target: PostgresTarget,
  { reason = "manual", onStep = () => undefined, now = () => new Date() }: CreateBackupOptions = {},
): Promise<CreatedBackup> {
  const started = now();
  const id = newBackupId(started);
  const projectDir = projectBackupsDirectory(config.project_name);
  await fs.mkdir(projectDir, { recursive: true, mode: 0o700 });
  await removeStalePartials(projectDir);

  const [mainDb, visibilityDb] = target.databases;
  const present = await existingDatabases(docker, target, target.databases);
  if (!present.includes(mainDb)) {
    throw new MyceliumError(
      "not_found:database",
      `The database ${mainDb} does not exist in ${target.container.name}: there is nothing to back up.`,
      {
        hint: "Deploy the stack and let Temporal create its schema first.",
      },
    );
  }
  const databases = present.includes(visibilityDb) ? [mainDb, visibilityDb] : [mainDb];

  const partial = path.join(projectDir, `${PARTIAL_PREFIX}${id}-${randomBytes(4).toString("hex")}`);
  await fs.mkdir(partial, { mode: 0o700 });
  try {
    const entries: BackupManifest["databases"] = [];
    for (const database of databases) {
      onStep(`Dumping ${database}`);
      entries.push({
        name: database,
        file: `${database}.dump`,
        format: "pg_dump-custom",
        ...(await dumpDatabase(docker, target, database, partial)),
      });
    }

    onStep("Writing the manifest");
    const containers = await listProjectContainers(docker, config.project_name);
    const schemaVersions: Record<string, string | null> = {};
    for (const database of databases) {
      schemaVersions[database] = await queryValue(
        docker,
        target,
        database,
        "SELECT curr_version FROM schema_version WHERE version_partition = 0 LIMIT 1",
      );
    }
    const manifest = backupManifestSchema.parse({
      format: MANIFEST_FORMAT,
      id,
      project: config.project_name,
      createdAt: started.toISOString(),
      durationMs: Math.max(0, now().getTime() - started.getTime()),
      reason,
      postgres: {
        version: await queryValue(docker, target, mainDb, "SHOW server_version"),
        image: target.container.image || null,
        user: target.user,
      },
      temporal: {
        version: config.services.temporal.enabled ? config.services.temporal.version : null,
        image: containers.find((c) => c.service === "temporal")?.image ?? null,
        schemaVersions,
      },
      databases: entries,
    } satisfies BackupManifest);
    await writeFileAtomic(path.join(partial, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });

    const directory = path.join(projectDir, id);
    await fs.rename(partial, directory).catch((error: NodeJS.ErrnoException) => {
      if (error.code === "EEXIST" || error.code === "ENOTEMPTY") {
        throw new MyceliumError("conflict:backup_exists", `A backup with the id ${id} already exists.`, {
          hint: "Try again in a moment.",
        });
      }
      throw error;
    });
    await syncDirectory(projectDir);
    onStep(`Backup ${id} complete`);
    return { manifest, directory };
  } catch (error) {
    await fs.rm(partial, { recursive: true, force: true });
    if ((error as NodeJS.ErrnoException).code === "ENOSPC") {
      throw new MyceliumError(
        "unavailable:disk_full",
        "The backup could not be saved: the disk is full; no backup was kept.",
        {
          hint: `Free some space where backups are kept (${projectDir}), or remove old backups, then try again.`,
          cause: error,
        },
      );
    }
    throw error;
  }
}

/** Stream one dump to `<db>.dump` (0600), hashing it on the way. */
async function dumpDatabase(
  docker: Docker,
  target: PostgresTarget,
  database: string,
  directory: string,
): Promise<{ bytes: number; sha256: string }> {
  const filePath = path.join(directory, `${database}.dump`);
  const hash = createHash("sha256");
  let bytes = 0;
  const hashing = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      bytes += chunk.length;
      callback(null, chunk);
    },
  });
  const file = createWriteStream(filePath, { flags: "wx", mode: 0o600 });
  // A full disk fails the file: fail the stream the exec writes into, so the dump stops too.
  file.on("error", (error) => hashing.destroy(error));
  hashing.pipe(file);
  const written = finished(file);
  written.catch(() => undefined);
  let result: ExecResult | null = null;
  let execError: unknown = null;
  try {
    result = await execInContainer(
      docker,
      target.container.id,
      [
        "pg_dump",
        "--no-password",
        "--username",
        target.user,
        "--format=custom",
        // A session holding an exclusive lock must not make the backup wait forever.
        "--lock-wait-timeout=120s",
        "--dbname",
        database,
      ],
      {
        stdout: hashing,
      },
    );
  } catch (error) {
    execError = error;
  } finally {
    hashing.end();
  }
  let writeError: NodeJS.ErrnoException | null = null;
  await written.catch((error: NodeJS.ErrnoException) => (writeError = error));
  if (writeError) {
    const { code, message } = writeError as NodeJS.ErrnoException;
    if (code === "ENOSPC") {
      throw new MyceliumError(
        "unavailable:disk_full",
        `Could not write the dump of ${database}: the disk is full; no backup was kept.`,
        {
          hint:
            `Free some space where backups are kept ` +
            `(${path.dirname(directory)}), or remove old backups, then try again.`,
          cause: writeError,
        },
      );
    }
    throw new MyceliumError(
      "unavailable:backup_write",
      `Could not write the dump of ${database} (${code ?? message}); no backup was kept.`,
      {
        hint: `Check that ${path.dirname(directory)} is writable and has room, then try again.`,
        cause: writeError,
      },
    );
  }
  if (execError || !result) throw execError;
  if (result.exitCode !== 0) {
    throw new MyceliumError(
      "unavailable:pg_dump",
      `pg_dump of ${database} failed (exit code ${result.exitCode}): ${firstLine(result.stderr)}`,
      {
        hint:
          "Nothing was saved. Check that PostgreSQL is healthy (`mycelium " +
          "deploy status`) and that the disk has room, then try again.",
        detail: result.stderr.slice(-2000),
      },
    );
  }
  if (bytes === 0) {
    throw new MyceliumError("unavailable:pg_dump", `pg_dump of ${database} produced no output.`, {
      hint: "Nothing was saved; try again.",
    });
  }
  const handle = await fs.open(filePath, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
  return { bytes, sha256: hash.digest("hex") };
}

async function syncDirectory(directory: string): Promise<void> {
  const handle = await fs.open(directory, "r").catch(() => null);
  if (!handle) return;
  try {
    await handle.sync().catch(() => undefined);
  } finally {
    await handle.close();
  }
}

/** Left by a crash: under the lock no other backup is being written. */
async function removeStalePartials(projectDir: string): Promise<void> {
  for (const name of await fs.readdir(projectDir).catch(() => [] as string[])) {
    if (name.startsWith(PARTIAL_PREFIX)) await fs.rm(path.join(projectDir, name), { recursive: true, force: true });
  }
}
