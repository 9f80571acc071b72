import { getBackupsResponse, postBackupResponse } from "@/lib/http/routes/backup-routes";
import { emptyBody, noInput, withProject } from "@/lib/http/project-route";

export const GET = withProject(noInput, getBackupsResponse);
export const POST = withProject(emptyBody, postBackupResponse);
