import { postDeployResponse } from "@/lib/deploy/deploy-api";
import { handleRoute } from "@/lib/http/route-handler";

export const POST = handleRoute(async (request: Request) => postDeployResponse(request));
