import { sessionSummary } from "../session-stream";
import type { PostgresUrlResponse, RotateResponse } from "../api-contract";
import { jsonResponse } from "../route-handler";
import type { Project } from "../../stack/project-context";
import { rotatePostgresPassword } from "../../secrets/rotate-password";
import { revealPostgresUrl } from "../../connect/stack-connection";

/**
 * POST /api/secrets/rotate (no body, or `{}`): the role has its new password and `.env` holds
 * it when this answers 202; the deploy that recreates the containers runs on (follow it with
 * /api/deploy/events). The password itself is never in any answer.
 */
export async function postRotateResponse({ engine, config }: Project): Promise<Response> {
  const result = await rotatePostgresPassword(engine, config);
  return jsonResponse<RotateResponse>(
    { rotated: true, project: result.project, session: sessionSummary(result.session) },
    { status: 202 },
  );
}

/** POST /api/secrets/postgres-url (no body): the one answer that holds the PostgreSQL password. */
export async function postPostgresUrlResponse(project: Project): Promise<Response> {
  return jsonResponse<PostgresUrlResponse>({ url: await revealPostgresUrl(project) });
}
