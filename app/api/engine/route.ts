import { noInput, withContext } from "@/lib/http/project-route";
import { getEngineResponse } from "@/lib/http/routes/setup-routes";

export const GET = withContext(noInput, getEngineResponse);
