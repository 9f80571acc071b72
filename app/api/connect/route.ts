import { getConnectResponse } from "@/lib/http/routes/connect-routes";
import { noInput, withProject } from "@/lib/http/project-route";

export const GET = withProject(noInput, getConnectResponse);
