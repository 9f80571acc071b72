import { withProject } from "@/lib/http/project-route";
import { getUpgradePlanResponse, readPlanQuery } from "@/lib/http/routes/upgrade-routes";

export const GET = withProject(readPlanQuery, getUpgradePlanResponse);
