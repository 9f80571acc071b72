import { getStatusEventsResponse } from "@/lib/deploy/deploy-api";
import { noInput, withProject } from "@/lib/http/project-route";

export const GET = withProject(noInput, getStatusEventsResponse);
