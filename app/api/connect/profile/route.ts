import { postProfileResponse, profileWriteSchema } from "@/lib/connect/connect-api";
import { jsonBody, withProject } from "@/lib/http/project-route";

export const POST = withProject(jsonBody(profileWriteSchema), postProfileResponse);
