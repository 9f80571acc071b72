import { handleRoute } from "@/lib/http/route-handler";
import { postUpgradeResponse } from "@/lib/upgrade/upgrade-api";

export const POST = handleRoute(async (request: Request) => postUpgradeResponse(request));
