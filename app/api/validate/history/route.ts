import { handleRoute } from "@/lib/http/route-handler";
import { getHistoryResponse } from "@/lib/http/routes/validation-routes";

export const GET = handleRoute(async (request: Request) => getHistoryResponse(request));
