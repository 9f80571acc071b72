import { postRestoreResponse } from "@/lib/backup/backup-api";
import { handleRoute } from "@/lib/http/route-handler";

export const POST = handleRoute(async (request: Request) => postRestoreResponse(request));
