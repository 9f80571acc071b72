import { postRestoreResponse, restoreRequestSchema } from "@/lib/http/routes/backup-routes";
import { jsonBody, withProject } from "@/lib/http/project-route";

export const POST = withProject(jsonBody(restoreRequestSchema), postRestoreResponse);
