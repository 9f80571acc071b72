import { noInput, withContext } from "@/lib/http/project-route";
import { getLogStreamResponse } from "@/lib/logs/logs-api";

/** Live logs of the configured project as Server-Sent Events (see lib/logs/logs-api.ts). */
export const GET = withContext(noInput, getLogStreamResponse);
