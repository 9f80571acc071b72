import { withProject } from "@/lib/http/project-route";
import { getUpgradePlanResponse, readPlanQuery } from "@/lib/upgrade/upgrade-api";

export const GET = withProject(readPlanQuery, getUpgradePlanResponse);
