import { handleRoute } from "@/lib/http/route-handler";
import { getUpgradeEventsResponse } from "@/lib/upgrade/upgrade-api";

export const GET = handleRoute(async (request: Request) => getUpgradeEventsResponse(request));
