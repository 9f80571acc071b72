import { handleRoute } from "@/lib/http/route-handler";
import { getUpgradePlanResponse } from "@/lib/upgrade/upgrade-api";

export const GET = handleRoute(async (request: Request) => getUpgradePlanResponse(request));
