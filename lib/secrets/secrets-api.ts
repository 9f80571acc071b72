import { resolveConfigPath } from "../config/config-location";
import { loadValidConfig } from "../config/load-valid-config";
import { sessionSummary } from "../http/session-stream";
import { environmentEngine } from "../stack/engine-target";
import { jsonResponse, readEmptyBody } from "../http/route-handler";
import { rotatePostgresPassword } from "./rotate-password";
import { revealPostgresUrl } from "../connect/connect-api";

/**
 * POST /api/secrets/rotate (no body, or `{}`): the role has its new password and `.env` holds
 * it when this answers 202; the deploy that recreates the containers runs on (follow it with
 * /api/deploy/events). The password itself is never in any answer.
 */
export async function postRotateResponse(request: Request): Promise<Response> {
  await readEmptyBody(request);
  const config = await loadValidConfig(resolveConfigPath());
  const result = await rotatePostgresPassword(environmentEngine(), config);
  return jsonResponse({ rotated: true, project: result.project, session: sessionSummary(result.session) }, { status: 202 });
}

/** POST /api/secrets/postgres-url (no body): the one answer that holds the PostgreSQL password. */
export async function postPostgresUrlResponse(request: Request): Promise<Response> {
  await readEmptyBody(request);
  return jsonResponse({ url: await revealPostgresUrl(resolveConfigPath()) });
}
