/** The deploy pages' URLs; what they answer is the API contract's (lib/http/api-contract.ts). */

export const PLAN_URL = "/api/deploy/plan";
export const STATUS_URL = "/api/deploy/status";
export const CONFIG_URL = "/api/config";
export const EVENTS_URL = "/api/deploy/events";
export const REUSE_POSTGRES_URL = "/api/deploy/reuse-postgres";

export type {
  ConfigResponse,
  DeployPlanResponse,
  DeploySummary,
  DownResponse,
  ReusePostgresResponse,
  StatusResponse,
} from "@/lib/http/api-contract";
