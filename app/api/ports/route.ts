import { handleRoute } from "@/lib/http/route-handler";
import { getPortsResponse } from "@/lib/setup/setup-api";

export const GET = handleRoute(async (request: Request) => getPortsResponse(request));
