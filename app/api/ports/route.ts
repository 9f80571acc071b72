import { noInput, withContext } from "@/lib/http/project-route";
import { getPortsResponse } from "@/lib/http/routes/setup-routes";

export const GET = withContext(noInput, getPortsResponse);
