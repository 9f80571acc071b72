import { handleRoute } from "@/lib/http/route-handler";
import { getUpgradeHistoryResponse } from "@/lib/upgrade/upgrade-api";

export const GET = handleRoute(async (request: Request) => getUpgradeHistoryResponse(request));
