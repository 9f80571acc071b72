import type { BackupSummary } from "@/lib/backup/list-backups";
import type { MaintenanceOperation } from "@/lib/backup/maintenance-operations";
import type { RestoreResult } from "@/lib/backup/restore-backup";

/**
 * The maintenance pages' URLs and shapes; what the API answers is its contract's
 * (lib/http/api-contract.ts). Type-only imports: nothing server-side reaches the client bundle.
 */
export const BACKUPS_URL = "/api/backups";
export const RESTORE_URL = "/api/backups/restore";
export const ROTATE_URL = "/api/secrets/rotate";
export const HELM_EXPORT_URL = "/api/export/helm";

export type { BackupSummary, MaintenanceOperation, RestoreResult };

export type {
  BackupsResponse,
  CreateBackupResponse,
  HelmExportResponse,
  RestoreResponse,
  RotateResponse,
} from "@/lib/http/api-contract";
