import { resolveConfigPath } from "@/lib/config/config-location";
import { getConfigResponse, putConfigResponse } from "@/lib/config/config-api";
import { handleRoute } from "@/lib/http/route-handler";

export const GET = handleRoute(async () => getConfigResponse(resolveConfigPath()));

export const PUT = handleRoute(async (request: Request) => putConfigResponse(request, resolveConfigPath()));
