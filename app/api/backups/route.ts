import { getBackupsResponse, postBackupResponse } from "@/lib/backup/backup-api";
import { handleRoute } from "@/lib/http/route-handler";

export const GET = handleRoute(async () => getBackupsResponse());
export const POST = handleRoute(async (request: Request) => postBackupResponse(request));
