import { emptyBody, withProject } from "@/lib/http/project-route";
import { postRotateResponse } from "@/lib/http/routes/secrets-routes";

export const POST = withProject(emptyBody, postRotateResponse);
