import { reuseRequestSchema } from "@/lib/deploy/reuse-postgres";
import { postReusePostgresResponse } from "@/lib/http/routes/deploy-routes";
import { jsonBody, withContext } from "@/lib/http/project-route";

export const POST = withContext(jsonBody(reuseRequestSchema), postReusePostgresResponse);
