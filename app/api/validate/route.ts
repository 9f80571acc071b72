import { handleRoute } from "@/lib/http/route-handler";
import { postValidateResponse } from "@/lib/validation/validation-api";

export const POST = handleRoute(async (request: Request) => postValidateResponse(request));
