import { getFixEventsResponse } from "@/lib/deploy/fix-api";
import { noInput, withProject } from "@/lib/http/project-route";

export const GET = withProject(noInput, getFixEventsResponse);
