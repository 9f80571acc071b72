import { noInput, withProject } from "@/lib/http/project-route";
import { getUpgradeEventsResponse } from "@/lib/http/routes/upgrade-routes";

export const GET = withProject(noInput, getUpgradeEventsResponse);
