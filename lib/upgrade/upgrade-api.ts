import { z } from "zod";
import { resolveConfigPath } from "../config/config-location";
import { loadValidConfig } from "../config/load-valid-config";
import { reusesExistingPostgres } from "../config/schema";
import { readStackStatus } from "../deploy/stack-status";
import { environmentEngine } from "../stack/engine-target";
import { MyceliumError } from "../errors";
import { jsonResponse, readJsonBody } from "../http/route-handler";
import { sessionSummary, streamSession, type SessionSummary } from "../http/session-stream";
import { deployedTemporalVersion, planUpgrade, upgradeTargets, type UpgradePlan } from "./plan-upgrade";
import { readUpgradeHistory, UPGRADE_HISTORY_LIMIT, type UpgradeRecord } from "./upgrade-history";
import { latestUpgrade, startUpgrade, type UpgradeSession } from "./upgrade-session";

/** The upgrade endpoints' logic, shared by the route files in app/api/upgrade. */

/** GET /api/upgrade/plan's answer. */
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

export type UpgradeSummary = SessionSummary<UpgradeSession>;

export interface UpgradeHistoryResponse {
  project: string;
  upgrades: UpgradeRecord[];
}

function parseQuery<Schema extends z.ZodType>(request: Request, schema: Schema, hint: string): z.output<Schema> {
  const parsed = schema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = issue.path.join(".") || "query";
  throw new MyceliumError("bad_request:query", `Invalid ${field}: ${issue.message}`, { hint });
}

const VERSION_TEXT = z.string().trim().min(1).max(40);

const planQuery = z.object({ to: VERSION_TEXT.optional() });

/** The plan from the version that runs; refused with the planner's typed errors (nothing deployed, a bad target…). */
export async function getUpgradePlanResponse(request: Request): Promise<Response> {
  const { to } = parseQuery(request, planQuery, "For example /api/upgrade/plan?to=1.32.2.");
  const config = await loadValidConfig(resolveConfigPath());
  const from = deployedTemporalVersion(config, (await readStackStatus(environmentEngine().docker, config.project_name)).services);
  const targets = upgradeTargets(from);
  const target = to ?? targets[0];
  const body: UpgradePlanResponse = {
    project: config.project_name,
    from,
    targets,
    reusedPostgres: reusesExistingPostgres(config),
    plan: target ? planUpgrade(config, target) : null,
  };
  return jsonResponse(body);
}

export const startUpgradeSchema = z.strictObject({
  to: VERSION_TEXT,
  /** The user confirmed that the schema of the PostgreSQL this stack reuses may change. */
  confirmReusedPostgres: z.boolean().default(false),
});

/**
 * Start an upgrade: 202 with its session once the runner's checks passed (progress on
 * /api/upgrade/events). Refused, nothing changed: 409 while a deploy, restore or upgrade holds
 * the lock (the message names it) or the stack is not healthy, 428 for an unconfirmed reused PostgreSQL.
 */
export async function postUpgradeResponse(request: Request): Promise<Response> {
  const { to, confirmReusedPostgres } = await readJsonBody(request, startUpgradeSchema);
  const configPath = resolveConfigPath();
  const config = await loadValidConfig(configPath);
  const session = await startUpgrade({
    engine: environmentEngine(),
    configPath,
    config,
    to,
    reusedPostgresConfirmed: confirmReusedPostgres,
  });
  return jsonResponse({ session: sessionSummary(session) }, { status: 202 });
}

/** Re-attach to the latest upgrade of the configured project: its events replayed, then live. */
export async function getUpgradeEventsResponse(request: Request): Promise<Response> {
  const config = await loadValidConfig(resolveConfigPath());
  return streamSession(request, latestUpgrade(config.project_name), "upgrade");
}

const historyQuery = z.object({
  limit: z.coerce.number().int().min(1).max(UPGRADE_HISTORY_LIMIT).default(UPGRADE_HISTORY_LIMIT),
});

/** The project's upgrades, newest first (the CLI's `mycelium upgrade --status`). */
export async function getUpgradeHistoryResponse(request: Request): Promise<Response> {
  const { limit } = parseQuery(request, historyQuery, "For example /api/upgrade/history?limit=1.");
  const config = await loadValidConfig(resolveConfigPath());
  const body: UpgradeHistoryResponse = {
    project: config.project_name,
    upgrades: (await readUpgradeHistory(config.project_name)).slice(0, limit),
  };
  return jsonResponse(body);
}
