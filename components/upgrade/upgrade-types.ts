/**
 * The upgrade API's URLs; what it answers is its contract's (lib/http/api-contract.ts).
 * Type-only imports: nothing server-side reaches the client bundle.
 */
export const UPGRADE_URL = "/api/upgrade";
export const UPGRADE_PLAN_URL = "/api/upgrade/plan";
export const UPGRADE_EVENTS_URL = "/api/upgrade/events";
export const UPGRADE_HISTORY_URL = "/api/upgrade/history";

export type { UpgradeHistoryResponse, UpgradePlanResponse, UpgradeSummary } from "@/lib/http/api-contract";
export type { SchemaChange, UpgradePlan } from "@/lib/upgrade/plan-upgrade";
export type { UpgradeEvent } from "@/lib/upgrade/run-upgrade";
