import { getPlanResponse } from "@/lib/http/routes/deploy-routes";
import { noInput, withProject } from "@/lib/http/project-route";

export const GET = withProject(noInput, getPlanResponse);
