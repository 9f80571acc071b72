import { getHelmExportResponse } from "@/lib/export/helm-export-api";
import { handleRoute } from "@/lib/http/route-handler";

export const GET = handleRoute(async (request: Request) => getHelmExportResponse(request));
