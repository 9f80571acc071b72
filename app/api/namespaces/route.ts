import { handleRoute } from "@/lib/http/route-handler";
import { getNamespacesResponse, postNamespaceResponse } from "@/lib/validation/validation-api";

export const GET = handleRoute(async () => getNamespacesResponse());

export const POST = handleRoute(async (request: Request) => postNamespaceResponse(request));
