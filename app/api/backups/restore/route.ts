import { postRestoreResponse, restoreRequestSchema } from "@/lib/backup/backup-api";
import { jsonBody, withProject } from "@/lib/http/project-route";

export const POST = withProject(jsonBody(restoreRequestSchema), postRestoreResponse);
