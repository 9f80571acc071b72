import { downRequestSchema, postDownResponse } from "@/lib/http/routes/deploy-routes";
import { jsonBody, withProject } from "@/lib/http/project-route";

export const POST = withProject(jsonBody(downRequestSchema), postDownResponse);
