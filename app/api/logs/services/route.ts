import { noInput, withContext } from "@/lib/http/project-route";
import { getLogServicesResponse } from "@/lib/http/routes/logs-routes";

/** The configured project's services and containers, for the log viewer's service picker. */
export const GET = withContext(noInput, getLogServicesResponse);
