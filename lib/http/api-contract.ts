import type { BackupSummary } from "../backup/list-backups";
import type { MaintenanceOperation } from "../backup/maintenance-operations";
import type { RestoreResult } from "../backup/restore-backup";
import type { DbPlugin } from "../config/compat";
import type { ConfigInspection } from "../config/config-service";
import type { ConnectionFacts } from "../connect/connection-facts";
import type { ProfileWrite } from "../connect/temporal-profile";
import type { DeploySession } from "../deploy/deploy-session";
import type { ReusedServerReport } from "../deploy/reuse-postgres";
import type { DownResult } from "../deploy/stack-control";
import type { StackStatus } from "../deploy/stack-status";
import type { EngineInfo } from "../docker/docker-client";
import type { HELM_CHART, HELM_EXPORT_FILES } from "../export/helm-values";
import type { LogLine } from "../logs/log-line";
import type { PlanBlocker, PortConflict, PortListener, ServicePlan } from "../plan/deployment-plan";
import type { NamespaceSummary } from "../temporal/namespaces";
import type { UpgradePlan } from "../upgrade/plan-upgrade";
import type { UpgradeRecord } from "../upgrade/upgrade-history";
import type { UpgradeSession } from "../upgrade/upgrade-session";
import type { ValidationRun } from "../validation/run-validation";
import type { ValidationHistoryEntry } from "../validation/validation-history";
import type { SessionSummary } from "./session-stream";

/**
 * What each endpoint answers, written once: the route adapters (lib/http/routes) build these
 * and the browser reads them. Types only, so a component importing them ships no server code.
 */

/** POST /api/config/validate. */
export type ConfigCheckResponse = ConfigInspection;

/** GET and PUT /api/config, POST /api/config/reset. */
export interface ConfigResponse extends ConfigCheckResponse {
  path: string;
  exists: boolean;
  text: string;
  etag: string;
}

/** GET /api/engine. */
export interface EngineResponse {
  engine: EngineInfo;
  platform: NodeJS.Platform;
}

/** GET /api/engine/target: which engine the dashboard drives, read from its settings without calling it. */
export interface EngineTargetResponse {
  /** e.g. "this machine (unix:///var/run/docker.sock)", "10.0.0.5:2376 over TLS". */
  engine: string;
  remote: boolean;
}

export interface PortAvailability {
  port: number;
  free: boolean;
  /** Who holds it, e.g. "a PostgreSQL server". */
  holder: string | null;
  /** The next port above it that nothing answers on. */
  suggestion: number | null;
}

/** GET /api/ports?ports=…. */
export interface PortsResponse {
  ports: PortAvailability[];
}

/** GET /api/deploy/plan: the plan to review, passwords masked in the files. */
export interface DeployPlanResponse {
  engine: EngineInfo;
  deploymentDir: string;
  project: string;
  dbPlugin: DbPlugin;
  services: ServicePlan[];
  portConflicts: PortConflict[];
  portFixEdits: Record<string, number>;
  reusedPostgres: PortListener | null;
  blockers: PlanBlocker[];
  warnings: string[];
  files: { path: string; content: string }[];
}

/** A deploy session without its event list (status answers, the SSE `session` event). */
export type DeploySummary = SessionSummary<DeploySession>;

/** POST /api/deploy (202), and the session a rotation starts. */
export interface DeployStartedResponse {
  session: DeploySummary;
}

/** GET /api/deploy/status, and each event of /api/deploy/status/events. */
export type StatusResponse = StackStatus & { deploy: DeploySummary | null };

/** POST /api/deploy/stop. */
export interface StopResponse {
  stopped: string[];
}

/** POST /api/deploy/down. */
export type DownResponse = DownResult;

/** POST /api/deploy/reuse-postgres: the report, never the password. */
export type ReusePostgresResponse = ReusedServerReport;

/** GET /api/connect. */
export type ConnectResponse = ConnectionFacts;

/** POST /api/connect/profile. */
export type ProfileResponse = ProfileWrite;

/** POST /api/secrets/postgres-url: the one answer that holds the PostgreSQL password. */
export interface PostgresUrlResponse {
  url: string;
}

/** POST /api/secrets/rotate (202). */
export interface RotateResponse {
  rotated: true;
  project: string;
  session: DeploySummary | null;
}

/** GET /api/backups. */
export interface BackupsResponse {
  project: string;
  directory: string;
  backups: BackupSummary[];
  operation: MaintenanceOperation | null;
}

/** POST /api/backups (201). */
export interface CreateBackupResponse {
  backup: BackupSummary;
}

/** POST /api/backups/restore. */
export interface RestoreResponse {
  restore: RestoreResult;
}

/** POST /api/validate. */
export type ValidateResponse = ValidationRun;

/** GET /api/validate/history. */
export interface HistoryResponse {
  entries: ValidationHistoryEntry[];
}

/** GET /api/namespaces. */
export interface NamespacesResponse {
  namespaces: NamespaceSummary[];
}

/** POST /api/namespaces (201). */
export interface NamespaceRegisteredResponse {
  registered: string;
}

/** POST /api/fixes (202): follow it on /api/fixes/events. */
export interface FixStartedResponse {
  id: string;
}

/** GET /api/logs/services. */
export interface LogServicesResponse {
  project: string;
  services: string[];
  containers: { name: string; service: string; state: string; status: string }[];
}

/** GET /api/logs/page. */
export interface LogPageResponse {
  service: string;
  before: string;
  lines: LogLine[];
  hasMore: boolean;
}

export type UpgradeSummary = SessionSummary<UpgradeSession>;

/** GET /api/upgrade/plan. */
export interface UpgradePlanResponse {
  project: string;
  /** The version the stack runs. */
  from: string;
  /** What it can be upgraded to, newest first (empty on the newest release Mycelium deploys). */
  targets: string[];
  /** The stack reuses a PostgreSQL Mycelium does not run: starting needs `confirmReusedPostgres`. */
  reusedPostgres: boolean;
  /** The plan to `?to=`, else to the newest target; null when there is none. */
  plan: UpgradePlan | null;
}

/** POST /api/upgrade (202). */
export interface UpgradeStartedResponse {
  session: UpgradeSummary;
}

/** GET /api/upgrade/history. */
export interface UpgradeHistoryResponse {
  project: string;
  upgrades: UpgradeRecord[];
}

/** GET /api/export/helm: the Secret by name only. */
export interface HelmExportResponse {
  valuesYaml: string;
  notes: string;
  secret: { name: string; key: string; namespace: string };
  files: typeof HELM_EXPORT_FILES;
  chart: typeof HELM_CHART;
}
