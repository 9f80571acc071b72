import { validateConfigResponse } from "@/lib/http/routes/config-routes";
import { handleRoute } from "@/lib/http/route-handler";

export const POST = handleRoute(async (request: Request) => validateConfigResponse(request));
