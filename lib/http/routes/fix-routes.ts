import { z } from "zod";
import type { FixStartedResponse } from "../api-contract";
import { jsonResponse } from "../route-handler";
import { sseResponse } from "../sse";
import { fixRequestSchema } from "../../deploy/fix-actions";
import type { Project, ProjectContext } from "../../stack/project-context";
import { latestFix, startFix } from "../../deploy/fix-session";

/** The fix endpoints' logic, shared by the route files in app/api/fixes. */

/** Start a fix and its re-check; 202 with the session's id, its progress is on /api/fixes/events. */
export async function postFixResponse(
  context: ProjectContext,
  fix: z.output<typeof fixRequestSchema>,
): Promise<Response> {
  const session = await startFix(context, fix);
  return jsonResponse<FixStartedResponse>({ id: session.id }, { status: 202 });
}

/**
 * The latest fix of the configured project: `session` (its id, or null when there is none),
 * then each `fix` event, history first, until it is done or the client leaves.
 */
export async function getFixEventsResponse(
  { config }: Project,
  _input: undefined,
  request: Request,
): Promise<Response> {
  const session = latestFix(config.project_name);
  return sseResponse(request, (channel) => {
    channel.send("session", session ? { id: session.id } : null);
    const unsubscribe = session?.subscribe((event) => {
      channel.send("fix", event);
      if (event.type === "done") channel.close();
    });
    if (!session) channel.close();
    return { close: () => unsubscribe?.() };
  });
}
