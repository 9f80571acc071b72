import { promises as fs } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { PROJECT_NAME_PATTERN } from "../config/schema";
import { BACKUP_ID_PATTERN, MANIFEST_FILE } from "./backup-paths";

/** A database name as the config allows it; also what a manifest may name. */
export const DATABASE_NAME_PATTERN = /^[a-z_][a-z0-9_]{0,62}$/;

export const MANIFEST_FORMAT = "mycelium-backup/1";

const databaseEntry = z.strictObject({
  name: z.string().regex(DATABASE_NAME_PATTERN),
  /** Always `<name>.dump`: checked, so a manifest cannot point a restore at another file. */
  file: z.string(),
  bytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  format: z.literal("pg_dump-custom"),
});

export const backupManifestSchema = z
  .strictObject({
    format: z.literal(MANIFEST_FORMAT),
    id: z.string().regex(BACKUP_ID_PATTERN),
    project: z.string().regex(PROJECT_NAME_PATTERN),
    createdAt: z.string(),
    durationMs: z.number().nonnegative(),
    /** Why it was made: by the user, or automatically just before a restore or an upgrade changed the data. */
    reason: z.enum(["manual", "before-restore", "before-upgrade"]),
    postgres: z.strictObject({
      version: z.string().nullable(),
      image: z.string().nullable(),
      user: z.string(),
    }),
    temporal: z.strictObject({
      version: z.string().nullable(),
      image: z.string().nullable(),
      /** `schema_version.curr_version` per database, as Temporal's startup check reads it. */
      schemaVersions: z.record(z.string(), z.string().nullable()),
    }),
    databases: z.array(databaseEntry).min(1),
  })
  .refine(
    (manifest) => manifest.databases.every((db) => db.file === `${db.name}.dump`),
    "each dump file must be named <database>.dump",
  );

export type BackupManifest = z.infer<typeof backupManifestSchema>;

export async function readManifest(directory: string): Promise<BackupManifest | null> {
  let text: string;
  try {
    text = await fs.readFile(path.join(directory, MANIFEST_FILE), "utf8");
  } catch {
    return null;
  }
  try {
    const parsed = backupManifestSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function totalBytes(manifest: BackupManifest): number {
  return manifest.databases.reduce((sum, db) => sum + db.bytes, 0);
}
