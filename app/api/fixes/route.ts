import { postFixResponse } from "@/lib/deploy/fix-api";
import { fixRequestSchema } from "@/lib/deploy/fix-actions";
import { jsonBody, withContext } from "@/lib/http/project-route";

export const POST = withContext(jsonBody(fixRequestSchema), postFixResponse);
