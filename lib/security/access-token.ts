import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * The dashboard's access token: printed by `mycelium serve`, exchanged once per browser for
 * an HttpOnly, SameSite=Strict session cookie. It keeps other local users and processes
 * (and anything that learns the port) from driving the dashboard. Like Jupyter's token.
 */
export const SESSION_COOKIE = "mycelium_session";
export const TOKEN_QUERY_PARAMETER = "token";

export function generateAccessToken(): string {
  return randomBytes(24).toString("base64url");
}

/** The cookie value is derived from the token, so the token itself never sits in a cookie jar. */
export function sessionValueFor(token: string): string {
  return createHash("sha256").update(`mycelium-session:${token}`).digest("base64url");
}

export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

export type AccessVerdict =
  | { kind: "allowed" }
  /** The token was offered in the URL: set the cookie and redirect to the same URL without it. */
  | { kind: "exchange"; cookieValue: string }
  | { kind: "denied" };

export function checkAccess(token: string, offeredToken: string | null, cookieValue: string | null): AccessVerdict {
  const expected = sessionValueFor(token);
  if (offeredToken !== null && safeEqual(offeredToken, token)) return { kind: "exchange", cookieValue: expected };
  if (cookieValue !== null && safeEqual(cookieValue, expected)) return { kind: "allowed" };
  return { kind: "denied" };
}

/** A self-contained page (no scripts, no assets) for a browser without the session cookie. */
export const ACCESS_DENIED_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Mycelium: open the link from your terminal</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;color:#0f172a}
code{background:#f1f5f9;padding:.1rem .3rem;border-radius:.25rem}
@media (prefers-color-scheme:dark){body{background:#020617;color:#e2e8f0}code{background:#1e293b}}</style></head>
<body><h1>Open the link printed in your terminal</h1>
<p>This dashboard can start containers, so it only answers browsers that opened the link
<code>mycelium serve</code> printed when it started (it ends in <code>?token=…</code>).</p>
<p>Lost it? Run <code>npx mycelium serve --print-url</code> in the project folder, or restart the dashboard.</p>
</body></html>`;
