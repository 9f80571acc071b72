import { withProject } from "@/lib/http/project-route";
import { getUpgradeHistoryResponse, readHistoryQuery } from "@/lib/upgrade/upgrade-api";

export const GET = withProject(readHistoryQuery, getUpgradeHistoryResponse);
