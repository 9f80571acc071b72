import { z } from "zod";
import type { BackupsResponse, CreateBackupResponse, RestoreResponse } from "../api-contract";
import { jsonResponse } from "../route-handler";
import type { Project } from "../../stack/project-context";
import { projectBackupsDirectory } from "../../backup/backup-paths";
import { createBackup } from "../../backup/create-backup";
import { listBackups, summarizeBackup } from "../../backup/list-backups";
import { latestOperation } from "../../backup/maintenance-operations";
import { restoreBackup } from "../../backup/restore-backup";

/** The backup endpoints' logic, shared by the route files in app/api/backups. */

/** GET /api/backups: the backups (newest first) and the current or last maintenance operation. */
export async function getBackupsResponse({ config }: Project): Promise<Response> {
  const project = config.project_name;
  return jsonResponse<BackupsResponse>({
    project,
    directory: projectBackupsDirectory(project),
    backups: await listBackups(project),
    operation: latestOperation(project),
  });
}

/** POST /api/backups (no body): dump both databases now; 201 with the new backup. */
export async function postBackupResponse({ engine, config }: Project): Promise<Response> {
  const { manifest } = await createBackup(engine.docker, config);
  return jsonResponse<CreateBackupResponse>({ backup: summarizeBackup(manifest) }, { status: 201 });
}

export const restoreRequestSchema = z.strictObject({
  /** A backup id (checked strictly by the restore: it becomes a path). */
  id: z.string().max(64),
  /** The project name, typed by the user. */
  confirmation: z.string().max(100),
  /** Back up the current data before replacing it (default true). */
  safetyBackup: z.boolean().default(true),
});

/** POST /api/backups/restore `{id, confirmation}`: 400 on a wrong confirmation, 404 on an unknown id. */
export async function postRestoreResponse(
  { engine, config }: Project,
  body: z.output<typeof restoreRequestSchema>,
): Promise<Response> {
  const result = await restoreBackup(engine.docker, config, {
    id: body.id,
    confirmation: body.confirmation,
    safetyBackup: body.safetyBackup,
  });
  return jsonResponse<RestoreResponse>({ restore: result });
}
