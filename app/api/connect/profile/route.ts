import { postProfileResponse, profileWriteSchema } from "@/lib/http/routes/connect-routes";
import { jsonBody, withProject } from "@/lib/http/project-route";

export const POST = withProject(jsonBody(profileWriteSchema), postProfileResponse);
