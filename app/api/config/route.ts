import { getConfigResponse, putConfigResponse } from "@/lib/http/routes/config-routes";
import { noInput, withContext } from "@/lib/http/project-route";

export const GET = withContext(noInput, getConfigResponse);

export const PUT = withContext(noInput, putConfigResponse);
