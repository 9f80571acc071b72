import { postFixResponse } from "@/lib/deploy/fix-api";
import { handleRoute } from "@/lib/http/route-handler";

export const POST = handleRoute(async (request: Request) => postFixResponse(request));
