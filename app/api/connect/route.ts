import { getConnectResponse } from "@/lib/connect/connect-api";
import { noInput, withProject } from "@/lib/http/project-route";

export const GET = withProject(noInput, getConnectResponse);
