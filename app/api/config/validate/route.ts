import { validateConfigResponse } from "@/lib/config/config-api";
import { handleRoute } from "@/lib/http/route-handler";

export const POST = handleRoute(async (request: Request) => validateConfigResponse(request));
