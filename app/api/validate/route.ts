import { emptyBody, withProject } from "@/lib/http/project-route";
import { postValidateResponse } from "@/lib/validation/validation-api";

export const POST = withProject(emptyBody, postValidateResponse);
