import { getFixEventsResponse } from "@/lib/http/routes/fix-routes";
import { noInput, withProject } from "@/lib/http/project-route";

export const GET = withProject(noInput, getFixEventsResponse);
