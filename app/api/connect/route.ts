import { getConnectResponse } from "@/lib/connect/connect-api";
import { handleRoute } from "@/lib/http/route-handler";

export const GET = handleRoute(async () => getConnectResponse());
