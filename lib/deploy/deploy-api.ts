import { z } from "zod";
import { resolveConfigPath } from "../config/config-location";
import { loadValidConfig } from "../config/load-valid-config";
import { environmentEngine } from "../stack/engine-target";
import { toMyceliumError } from "../errors";
import { jsonResponse, readEmptyBody, readJsonBody } from "../http/route-handler";
import { sessionSummary, streamSession, type SessionSummary } from "../http/session-stream";
import { sseResponse } from "../http/sse";
import { renderEnvFile } from "../compose/render-compose-file";
import { PASSWORD_ENV_KEYS } from "../stack/stack-settings";
import { latestDeploy, onDeployChange, startDeploy, type DeploySession } from "./deploy-session";
import { ENV_FILE, renderDeploymentFiles } from "./deployment-files";
import { prepareDeployment } from "./prepare-deployment";
import { downStack, stopStack } from "./stack-control";
import { readStackStatus, type StackStatus } from "./stack-status";
import { watchStackStatus } from "./stack-watch";

/** The deploy endpoints' logic, shared by the route files in app/api/deploy. */

const MASKED_PASSWORD = "(kept in .env: never shown)";

function maskPasswords(env: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).map(([key, value]) => [key, PASSWORD_ENV_KEYS.includes(key) ? MASKED_PASSWORD : value]));
}

export async function getPlanResponse(): Promise<Response> {
  const config = await loadValidConfig(resolveConfigPath());
  const { engine, deploymentDir, plan } = await prepareDeployment(environmentEngine(), config);
  const files = [
    ...renderDeploymentFiles(plan.composeProject),
    { path: ENV_FILE, content: renderEnvFile(plan.project, maskPasswords(plan.secrets)) },
  ];
  return jsonResponse({
    engine,
    deploymentDir,
    project: plan.project,
    dbPlugin: plan.decisions.dbPlugin,
    services: plan.services,
    portConflicts: plan.portConflicts,
    portFixEdits: plan.portFixEdits,
    reusedPostgres: plan.reusedPostgres,
    blockers: plan.blockers,
    warnings: plan.warnings,
    files,
  });
}

/** A deploy session without its event list (status responses, the SSE `session` event). */
export type DeploySummary = SessionSummary<DeploySession>;

/** What GET /api/deploy/status answers and /api/deploy/status/events pushes. */
export type StackStatusEvent = StackStatus & { deploy: DeploySummary | null };

/** Start a deploy. SSE when the client asks for it, else 202 with the session to follow. */
export async function postDeployResponse(request: Request): Promise<Response> {
  await readEmptyBody(request);
  const config = await loadValidConfig(resolveConfigPath());
  const session = await startDeploy(environmentEngine(), config);
  const wantsStream = (request.headers.get("accept") ?? "").includes("text/event-stream");
  if (wantsStream) return streamSession(request, session, "deploy");
  return jsonResponse({ session: sessionSummary(session) }, { status: 202 });
}

/** Re-attach to the latest deploy of the configured project (a reload, a second tab). */
export async function getDeployEventsResponse(request: Request): Promise<Response> {
  const config = await loadValidConfig(resolveConfigPath());
  return streamSession(request, latestDeploy(config.project_name), "deploy");
}

export async function getStatusResponse(): Promise<Response> {
  const config = await loadValidConfig(resolveConfigPath());
  const status = await readStackStatus(environmentEngine().docker, config.project_name);
  return jsonResponse({ ...status, deploy: sessionSummary(latestDeploy(config.project_name)) });
}

/** Live stack status, pushed on the engine's events (the overview and the status panel). */
export async function getStatusEventsResponse(request: Request): Promise<Response> {
  const config = await loadValidConfig(resolveConfigPath());
  const project = config.project_name;
  return sseResponse(request, (send, close) => {
    let watcher: { stop: () => void; refresh: () => void } | null = null;
    let closed = false;
    const fail = (error: unknown) => {
      send("error", toMyceliumError(error).toBody().error);
      close();
    };
    // A deploy starting or ending changes the status too, without any container event.
    const stopDeployChanges = onDeployChange((changed) => changed === project && watcher?.refresh());
    watchStackStatus(environmentEngine().docker, project, (status) => send("status", { ...status, deploy: sessionSummary(latestDeploy(project)) }), fail).then(
      (started) => (closed ? started.stop() : (watcher = started)),
      fail,
    );
    return () => {
      closed = true;
      stopDeployChanges();
      watcher?.stop();
    };
  });
}

export async function postStopResponse(request: Request): Promise<Response> {
  await readEmptyBody(request);
  const config = await loadValidConfig(resolveConfigPath());
  return jsonResponse({ stopped: await stopStack(environmentEngine().docker, config.project_name) });
}

export const downRequestSchema = z.strictObject({
  /** The project name typed by the user; only then are the data volumes removed. */
  removeDataConfirmation: z.string().max(100).nullable().default(null),
});

export async function postDownResponse(request: Request): Promise<Response> {
  const { removeDataConfirmation } = await readJsonBody(request, downRequestSchema);
  const config = await loadValidConfig(resolveConfigPath());
  return jsonResponse(await downStack(environmentEngine().docker, config.project_name, removeDataConfirmation));
}
