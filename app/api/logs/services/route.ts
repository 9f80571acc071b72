import { handleRoute } from "@/lib/http/route-handler";
import { getLogServicesResponse } from "@/lib/logs/logs-api";

/** The configured project's services and containers, for the log viewer's service picker. */
export const GET = handleRoute(async () => getLogServicesResponse());
