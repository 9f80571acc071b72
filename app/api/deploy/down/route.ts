import { downRequestSchema, postDownResponse } from "@/lib/deploy/deploy-api";
import { jsonBody, withProject } from "@/lib/http/project-route";

export const POST = withProject(jsonBody(downRequestSchema), postDownResponse);
