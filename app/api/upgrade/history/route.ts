import { withProject } from "@/lib/http/project-route";
import { getUpgradeHistoryResponse, readHistoryQuery } from "@/lib/http/routes/upgrade-routes";

export const GET = withProject(readHistoryQuery, getUpgradeHistoryResponse);
