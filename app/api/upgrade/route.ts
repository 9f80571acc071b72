import { jsonBody, withProject } from "@/lib/http/project-route";
import { postUpgradeResponse, startUpgradeSchema } from "@/lib/upgrade/upgrade-api";

export const POST = withProject(jsonBody(startUpgradeSchema), postUpgradeResponse);
