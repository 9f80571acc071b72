import { NextResponse, type NextRequest } from "next/server";
import { MyceliumError } from "./lib/errors";
import { errorResponse } from "./lib/http/route-handler";
import { ACCESS_DENIED_PAGE, checkAccess, SESSION_COOKIE, TOKEN_QUERY_PARAMETER } from "./lib/security/access-token";
import { guardRequest } from "./lib/security/request-guard";

/**
 * Runs before every page, route and stream (see lib/security/ for why). `mycelium serve`
 * sets MYCELIUM_PORT, MYCELIUM_ACCESS_TOKEN (unless --no-token), and MYCELIUM_ALLOWED_HOSTS
 * when the user binds to another address on purpose.
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
  if (!verdict.allowed) return errorResponse(verdict.refusal);

  const token = process.env.MYCELIUM_ACCESS_TOKEN;
  // The dashboard's own liveness stays open: it says nothing but "up".
  if (!token || request.nextUrl.pathname === "/api/health") return NextResponse.next();
  const access = checkAccess(
    token,
    request.nextUrl.searchParams.get(TOKEN_QUERY_PARAMETER),
    request.cookies.get(SESSION_COOKIE)?.value ?? null,
  );
  if (access.kind === "allowed") return NextResponse.next();
  if (access.kind === "exchange") {
    const clean = request.nextUrl.clone();
    clean.searchParams.delete(TOKEN_QUERY_PARAMETER);
    const response = NextResponse.redirect(clean, 303);
    response.cookies.set(SESSION_COOKIE, access.cookieValue, { httpOnly: true, sameSite: "strict", path: "/" });
    return response;
  }
  if (request.nextUrl.pathname.startsWith("/api/")) {
    return errorResponse(
      new MyceliumError("unauthorized:session", "This browser has not opened the dashboard's access link.", {
        hint: "Open the link `mycelium serve` printed (it ends in ?token=…).",
      }),
    );
  }
  return new NextResponse(ACCESS_DENIED_PAGE, {
    status: 401,
    headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" },
  });
}

export const config = {
  // Everything, static assets included: a rebinding page must not even learn our bundle names.
  matcher: "/:path*",
};
