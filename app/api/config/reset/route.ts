import { resetConfigResponse } from "@/lib/http/routes/config-routes";
import { noInput, withContext } from "@/lib/http/project-route";

export const POST = withContext(noInput, resetConfigResponse);
