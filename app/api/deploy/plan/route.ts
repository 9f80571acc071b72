import { getPlanResponse } from "@/lib/deploy/deploy-api";
import { handleRoute } from "@/lib/http/route-handler";

export const GET = handleRoute(async () => getPlanResponse());
