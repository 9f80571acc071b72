import { noInput, withProject } from "@/lib/http/project-route";
import { getUpgradeEventsResponse } from "@/lib/upgrade/upgrade-api";

export const GET = withProject(noInput, getUpgradeEventsResponse);
