import { resetConfigResponse } from "@/lib/config/config-api";
import { noInput, withContext } from "@/lib/http/project-route";

export const POST = withContext(noInput, resetConfigResponse);
