import { postReusePostgresResponse, reuseRequestSchema } from "@/lib/deploy/reuse-postgres";
import { jsonBody, withContext } from "@/lib/http/project-route";

export const POST = withContext(jsonBody(reuseRequestSchema), postReusePostgresResponse);
