import { handleRoute } from "@/lib/http/route-handler";
import { getLogPageResponse } from "@/lib/logs/logs-api";

/** Older lines of one service: `?service=postgres&before=<timestamp>&limit=500`. */
export const GET = handleRoute(async (request: Request) => getLogPageResponse(request));
