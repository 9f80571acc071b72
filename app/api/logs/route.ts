import { noInput, withContext } from "@/lib/http/project-route";
import { getLogStreamResponse } from "@/lib/http/routes/logs-routes";

/** Live logs of the configured project as Server-Sent Events (see lib/http/routes/logs-routes.ts). */
export const GET = withContext(noInput, getLogStreamResponse);
