import { postPostgresUrlResponse } from "@/lib/secrets/secrets-api";
import { handleRoute } from "@/lib/http/route-handler";

export const POST = handleRoute(async (request: Request) => postPostgresUrlResponse(request));
