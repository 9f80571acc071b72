import type { DbPlugin } from "@/lib/config/compat";
import type { Finding } from "@/lib/config/findings";
import type { MyceliumConfig } from "@/lib/config/schema";
import type { EngineInfo } from "@/lib/docker/docker-client";
import type { PlanBlocker, PortConflict, PortListener, ServicePlan } from "@/lib/plan/deployment-plan";

/**
 * The deploy API's response shapes, as the browser sees them (lib/deploy/deploy-api.ts).
 * Type-only imports: nothing server-side reaches the client bundle.
 */

export const PLAN_URL = "/api/deploy/plan";
export const STATUS_URL = "/api/deploy/status";
export const CONFIG_URL = "/api/config";
export const EVENTS_URL = "/api/deploy/events";
export const REUSE_POSTGRES_URL = "/api/deploy/reuse-postgres";

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

/** A deploy session without its event list, and GET /api/deploy/status's answer: the API's own types. */
export type { DeploySummary, StackStatusEvent as StatusResponse } from "@/lib/http/routes/deploy-routes";

export interface ConfigResponse {
  path: string;
  exists: boolean;
  text: string;
  etag: string;
  valid: boolean;
  config: MyceliumConfig | null;
  findings: Finding[];
}

export interface DownResponse {
  removedContainers: string[];
  removedNetwork: boolean;
  removedVolumes: string[];
  keptVolumes: string[];
}

/** POST /api/deploy/reuse-postgres's answer. */
export type { ReusedServerReport as ReusePostgresResponse } from "@/lib/deploy/reuse-postgres";
