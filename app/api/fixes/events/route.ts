import { getFixEventsResponse } from "@/lib/deploy/fix-api";
import { handleRoute } from "@/lib/http/route-handler";

export const GET = handleRoute(async (request: Request) => getFixEventsResponse(request));
