import { emptyBody, withProject } from "@/lib/http/project-route";
import { postPostgresUrlResponse } from "@/lib/http/routes/secrets-routes";

export const POST = withProject(emptyBody, postPostgresUrlResponse);
