import { z } from "zod";
import { resolveConfigPath } from "../config/config-location";
import { loadValidConfig } from "../config/load-valid-config";
import { environmentEngine } from "../stack/engine-target";
import { jsonResponse, readEmptyBody, readJsonBody } from "../http/route-handler";
import { projectBackupsDirectory } from "./backup-paths";
import { createBackup } from "./create-backup";
import { listBackups, summarizeBackup } from "./list-backups";
import { latestOperation } from "./maintenance-operations";
import { restoreBackup } from "./restore-backup";

/** The backup endpoints' logic, shared by the route files in app/api/backups. */

/** GET /api/backups: the backups (newest first) and the current or last maintenance operation. */
export async function getBackupsResponse(): Promise<Response> {
  const config = await loadValidConfig(resolveConfigPath());
  const project = config.project_name;
  return jsonResponse({
    project,
    directory: projectBackupsDirectory(project),
    backups: await listBackups(project),
    operation: latestOperation(project),
  });
}

/** POST /api/backups (no body): dump both databases now; 201 with the new backup. */
export async function postBackupResponse(request: Request): Promise<Response> {
  await readEmptyBody(request);
  const config = await loadValidConfig(resolveConfigPath());
  const { manifest } = await createBackup(environmentEngine().docker, config);
  return jsonResponse({ backup: summarizeBackup(manifest) }, { status: 201 });
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
export async function postRestoreResponse(request: Request): Promise<Response> {
  const body = await readJsonBody(request, restoreRequestSchema);
  const config = await loadValidConfig(resolveConfigPath());
  const result = await restoreBackup(environmentEngine().docker, config, { id: body.id, confirmation: body.confirmation, safetyBackup: body.safetyBackup });
  return jsonResponse({ restore: result });
}
