import { z } from "zod";
import { jsonResponse } from "../route-handler";
import type {
  DeployPlanResponse,
  DeployStartedResponse,
  DownResponse,
  ReusePostgresResponse,
  StatusResponse,
  StopResponse,
} from "../api-contract";
import { sessionSummary, streamSession } from "../session-stream";
import { sseResponse } from "../sse";
import { renderEnvFile } from "../../compose/render-compose-file";
import type { Project, ProjectContext } from "../../stack/project-context";
import { PASSWORD_ENV_KEYS } from "../../stack/stack-settings";
import { latestDeploy, onDeployChange, startDeploy } from "../../deploy/deploy-session";
import { ENV_FILE, renderDeploymentFiles } from "../../deploy/deployment-files";
import { prepareDeployment } from "../../deploy/prepare-deployment";
import { adoptExistingPostgres, type ReuseRequest } from "../../deploy/reuse-postgres";
import { downStack, stopStack } from "../../deploy/stack-control";
import { readStackStatus, type StackStatus } from "../../deploy/stack-status";
import { watchStackStatus } from "../../deploy/stack-watch";

/** The deploy endpoints' logic, shared by the route files in app/api/deploy. */

const MASKED_PASSWORD = "(kept in .env: never shown)";

function maskPasswords(env: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).map(([key, value]) => [key, PASSWORD_ENV_KEYS.includes(key) ? MASKED_PASSWORD : value]),
  );
}

export async function getPlanResponse(project: Project): Promise<Response> {
  const { engine, deploymentDir, plan } = await prepareDeployment(project.engine, project.config);
  const files = [
    ...renderDeploymentFiles(plan.composeProject),
    { path: ENV_FILE, content: renderEnvFile(plan.project, maskPasswords(plan.secrets)) },
  ];
  return jsonResponse<DeployPlanResponse>({
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

/** Start a deploy. SSE when the client asks for it, else 202 with the session to follow. */
export async function postDeployResponse(project: Project, _input: undefined, request: Request): Promise<Response> {
  const session = await startDeploy(project.engine, project.config);
  const wantsStream = (request.headers.get("accept") ?? "").includes("text/event-stream");
  if (wantsStream) return streamSession(request, session, "deploy");
  return jsonResponse<DeployStartedResponse>({ session: sessionSummary(session) }, { status: 202 });
}

/** Re-attach to the latest deploy of the configured project (a reload, a second tab). */
export async function getDeployEventsResponse(
  { config }: Project,
  _input: undefined,
  request: Request,
): Promise<Response> {
  return streamSession(request, latestDeploy(config.project_name), "deploy");
}

export async function getStatusResponse({ engine, config }: Project): Promise<Response> {
  const status = await readStackStatus(engine.docker, config.project_name);
  return jsonResponse<StatusResponse>({ ...status, deploy: sessionSummary(latestDeploy(config.project_name)) });
}

/** Live stack status, pushed on the engine's events (the overview and the status panel). */
export async function getStatusEventsResponse(
  { engine, config }: Project,
  _input: undefined,
  request: Request,
): Promise<Response> {
  const project = config.project_name;
  return sseResponse(request, async (channel) => {
    const sendStatus = (status: StackStatus) =>
      channel.send("status", { ...status, deploy: sessionSummary(latestDeploy(project)) } satisfies StatusResponse);
    const watcher = await watchStackStatus(engine.docker, project, sendStatus, channel.fail);
    // A deploy starting or ending changes the status too, without any container event.
    const stopDeployChanges = onDeployChange((changed) => changed === project && watcher.refresh());
    return {
      close: () => {
        stopDeployChanges();
        watcher.stop();
      },
    };
  });
}

export async function postStopResponse({ engine, config, deploymentDir }: Project): Promise<Response> {
  return jsonResponse<StopResponse>({ stopped: await stopStack(engine.docker, config.project_name, deploymentDir) });
}

export const downRequestSchema = z.strictObject({
  /** The project name typed by the user; only then are the data volumes removed. */
  removeDataConfirmation: z.string().max(100).nullable().default(null),
});
type DownRequest = z.output<typeof downRequestSchema>;

export async function postDownResponse(
  { engine, config, deploymentDir }: Project,
  { removeDataConfirmation }: DownRequest,
): Promise<Response> {
  return jsonResponse<DownResponse>(
    await downStack(engine.docker, config.project_name, removeDataConfirmation, deploymentDir),
  );
}

/** POST /api/deploy/reuse-postgres: the report, never the password. */
export async function postReusePostgresResponse(context: ProjectContext, body: ReuseRequest): Promise<Response> {
  return jsonResponse<ReusePostgresResponse>(await adoptExistingPostgres(context, body));
}
