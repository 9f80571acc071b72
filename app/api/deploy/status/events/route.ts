import { getStatusEventsResponse } from "@/lib/deploy/deploy-api";
import { handleRoute } from "@/lib/http/route-handler";

export const GET = handleRoute(async (request: Request) => getStatusEventsResponse(request));
