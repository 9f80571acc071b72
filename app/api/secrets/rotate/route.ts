import { emptyBody, withProject } from "@/lib/http/project-route";
import { postRotateResponse } from "@/lib/secrets/secrets-api";

export const POST = withProject(emptyBody, postRotateResponse);
