import { NextResponse, type NextRequest } from "next/server";
import { guardRequest } from "./lib/security/request-guard";

/**
 * Runs before every page, route and stream (see lib/security/request-guard.ts for why).
 * `mycelium serve` sets MYCELIUM_PORT, and MYCELIUM_ALLOWED_HOSTS when the user binds
 * to another address on purpose.
 */
export function proxy(request: NextRequest) {
  const port = Number(process.env.MYCELIUM_PORT);
  const verdict = guardRequest(
    {
      method: request.method,
      host: request.headers.get("host"),
      origin: request.headers.get("origin"),
      secFetchSite: request.headers.get("sec-fetch-site"),
      accept: request.headers.get("accept"),
      contentLength: request.headers.get("content-length"),
    },
    {
      port: Number.isInteger(port) && port > 0 ? port : null,
      extraAllowedHosts: (process.env.MYCELIUM_ALLOWED_HOSTS ?? "").split(",").filter(Boolean),
    },
  );
  if (verdict.allowed) return NextResponse.next();
  return NextResponse.json(
    { error: { code: verdict.code, message: verdict.message, hint: verdict.hint } },
    { status: verdict.status, headers: { "cache-control": "no-store" } },
  );
}

export const config = {
  // Everything, static assets included: a rebinding page must not even learn our bundle names.
  matcher: "/:path*",
};
