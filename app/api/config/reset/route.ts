import { resolveConfigPath } from "@/lib/config/config-location";
import { resetConfigResponse } from "@/lib/config/config-api";
import { handleRoute } from "@/lib/http/route-handler";

export const POST = handleRoute(async (request: Request) => resetConfigResponse(request, resolveConfigPath()));
