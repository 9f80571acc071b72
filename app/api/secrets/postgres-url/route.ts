import { emptyBody, withProject } from "@/lib/http/project-route";
import { postPostgresUrlResponse } from "@/lib/secrets/secrets-api";

export const POST = withProject(emptyBody, postPostgresUrlResponse);
