import { handleRoute } from "@/lib/http/route-handler";
import { getEngineResponse } from "@/lib/setup/setup-api";

export const GET = handleRoute(async () => getEngineResponse());
