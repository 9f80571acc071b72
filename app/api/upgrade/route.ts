import { jsonBody, withProject } from "@/lib/http/project-route";
import { postUpgradeResponse, startUpgradeSchema } from "@/lib/http/routes/upgrade-routes";

export const POST = withProject(jsonBody(startUpgradeSchema), postUpgradeResponse);
