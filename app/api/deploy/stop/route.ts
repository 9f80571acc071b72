import { postStopResponse } from "@/lib/deploy/deploy-api";
import { emptyBody, withProject } from "@/lib/http/project-route";

export const POST = withProject(emptyBody, postStopResponse);
