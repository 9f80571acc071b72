import { resolveConfigPath } from "../config/config-location";
import { loadValidConfig } from "../config/load-valid-config";
import { jsonResponse, readJsonBody } from "../http/route-handler";
import { sseResponse } from "../http/sse";
import { fixRequestSchema } from "./fix-actions";
import { latestFix, startFix } from "./fix-session";

/** The fix endpoints' logic, shared by the route files in app/api/fixes. */

/** Start a fix and its re-check; 202 with the session's id, its progress is on /api/fixes/events. */
export async function postFixResponse(request: Request): Promise<Response> {
  const session = await startFix(await readJsonBody(request, fixRequestSchema));
  return jsonResponse({ id: session.id }, { status: 202 });
}

/**
 * The latest fix of the configured project: `session` (its id, or null when there is none),
 * then each `fix` event, history first, until it is done or the client leaves.
 */
export async function getFixEventsResponse(request: Request): Promise<Response> {
  const session = latestFix((await loadValidConfig(resolveConfigPath())).project_name);
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
