import { postReusePostgresResponse } from "@/lib/deploy/reuse-postgres";
import { handleRoute } from "@/lib/http/route-handler";

export const POST = handleRoute(async (request: Request) => postReusePostgresResponse(request));
