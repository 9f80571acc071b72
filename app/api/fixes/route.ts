import { postFixResponse } from "@/lib/http/routes/fix-routes";
import { fixRequestSchema } from "@/lib/deploy/fix-actions";
import { jsonBody, withContext } from "@/lib/http/project-route";

export const POST = withContext(jsonBody(fixRequestSchema), postFixResponse);
