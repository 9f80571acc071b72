import { z } from "zod";
import { reusesExistingPostgres } from "../../config/schema";
import { readStackStatus } from "../../deploy/stack-status";
import { jsonResponse } from "../route-handler";
import { queryOf } from "../project-route";
import type { Project } from "../../stack/project-context";
import type { UpgradeHistoryResponse, UpgradePlanResponse, UpgradeStartedResponse } from "../api-contract";
import { sessionSummary, streamSession } from "../session-stream";
import { deployedTemporalVersion, planUpgrade, upgradeTargets } from "../../upgrade/plan-upgrade";
import { readUpgradeHistory, UPGRADE_HISTORY_LIMIT } from "../../upgrade/upgrade-history";
import { latestUpgrade, startUpgrade } from "../../upgrade/upgrade-session";

/** The upgrade endpoints' logic, shared by the route files in app/api/upgrade. */

const VERSION_TEXT = z.string().trim().min(1).max(40);

export const readPlanQuery = queryOf(
  z.object({ to: VERSION_TEXT.optional() }),
  "For example /api/upgrade/plan?to=1.32.2.",
);

/** The plan from the version that runs; refused with the planner's typed errors (nothing deployed, a bad target…). */
export async function getUpgradePlanResponse({ engine, config }: Project, { to }: { to?: string }): Promise<Response> {
  const from = deployedTemporalVersion(config, (await readStackStatus(engine.docker, config.project_name)).services);
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
export async function postUpgradeResponse(
  project: Project,
  { to, confirmReusedPostgres }: z.output<typeof startUpgradeSchema>,
): Promise<Response> {
  const session = await startUpgrade({
    context: project,
    config: project.config,
    to,
    reusedPostgresConfirmed: confirmReusedPostgres,
  });
  return jsonResponse<UpgradeStartedResponse>({ session: sessionSummary(session) }, { status: 202 });
}

/** Re-attach to the latest upgrade of the configured project: its events replayed, then live. */
export async function getUpgradeEventsResponse(
  { config }: Project,
  _input: undefined,
  request: Request,
): Promise<Response> {
  return streamSession(request, latestUpgrade(config.project_name), "upgrade");
}

export const readHistoryQuery = queryOf(
  z.object({ limit: z.coerce.number().int().min(1).max(UPGRADE_HISTORY_LIMIT).default(UPGRADE_HISTORY_LIMIT) }),
  "For example /api/upgrade/history?limit=1.",
);

/** The project's upgrades, newest first (the CLI's `mycelium upgrade --status`). */
export async function getUpgradeHistoryResponse(
  { config, paths }: Project,
  { limit }: { limit: number },
): Promise<Response> {
  const body: UpgradeHistoryResponse = {
    project: config.project_name,
    upgrades: (await readUpgradeHistory(config.project_name, paths.stateDirectory)).slice(0, limit),
  };
  return jsonResponse(body);
}
