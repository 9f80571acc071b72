import { handleRoute } from "@/lib/http/route-handler";
import { getPortsResponse } from "@/lib/http/routes/setup-routes";

export const GET = handleRoute(async (request: Request) => getPortsResponse(request));
