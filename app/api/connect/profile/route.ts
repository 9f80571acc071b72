import { postProfileResponse } from "@/lib/connect/connect-api";
import { handleRoute } from "@/lib/http/route-handler";

export const POST = handleRoute(async (request: Request) => postProfileResponse(request));
