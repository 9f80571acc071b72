import type { BackupSummary } from "@/lib/backup/list-backups";
import type { MaintenanceOperation } from "@/lib/backup/maintenance-operations";
import type { RestoreResult } from "@/lib/backup/restore-backup";
import type { DeploySummary } from "@/lib/http/routes/deploy-routes";

/**
 * The maintenance API's response shapes, as the browser sees them (lib/backup/backup-api.ts,
 * lib/secrets/secrets-api.ts). Type-only imports: nothing server-side reaches the client bundle.
 */
export const BACKUPS_URL = "/api/backups";
export const RESTORE_URL = "/api/backups/restore";
export const ROTATE_URL = "/api/secrets/rotate";

export type { BackupSummary, MaintenanceOperation, RestoreResult };

export interface BackupsResponse {
  project: string;
  directory: string;
  backups: BackupSummary[];
  operation: MaintenanceOperation | null;
}

export interface CreateBackupResponse {
  backup: BackupSummary;
}

export interface RestoreResponse {
  restore: RestoreResult;
}

export interface RotateResponse {
  rotated: true;
  project: string;
  session: DeploySummary | null;
}
