import { noInput, withContext } from "@/lib/http/project-route";
import { getEngineTargetResponse } from "@/lib/http/routes/setup-routes";

export const GET = withContext(noInput, getEngineTargetResponse);
