import { postFixResponse } from "@/lib/deploy/fix-actions";
import { handleRoute } from "@/lib/http/route-handler";

export const POST = handleRoute(async (request: Request) => postFixResponse(request));
