import { handleRoute } from "@/lib/http/route-handler";
import { getHistoryResponse } from "@/lib/validation/validation-api";

export const GET = handleRoute(async (request: Request) => getHistoryResponse(request));
