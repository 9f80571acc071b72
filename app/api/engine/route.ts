import { noInput, withContext } from "@/lib/http/project-route";
import { getEngineResponse } from "@/lib/setup/setup-api";

export const GET = withContext(noInput, getEngineResponse);
