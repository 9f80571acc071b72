import { postStopResponse } from "@/lib/http/routes/deploy-routes";
import { emptyBody, withProject } from "@/lib/http/project-route";

export const POST = withProject(emptyBody, postStopResponse);
