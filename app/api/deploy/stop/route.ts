import { postStopResponse } from "@/lib/deploy/deploy-api";
import { handleRoute } from "@/lib/http/route-handler";

export const POST = handleRoute(async (request: Request) => postStopResponse(request));
