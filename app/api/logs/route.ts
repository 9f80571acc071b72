import { handleRoute } from "@/lib/http/route-handler";
import { getLogStreamResponse } from "@/lib/logs/logs-api";

/** Live logs of the configured project as Server-Sent Events (see lib/logs/logs-api.ts). */
export const GET = handleRoute(async (request: Request) => getLogStreamResponse(request));
