import { emptyBody, withProject } from "@/lib/http/project-route";
import { postValidateResponse } from "@/lib/http/routes/validation-routes";

export const POST = withProject(emptyBody, postValidateResponse);
