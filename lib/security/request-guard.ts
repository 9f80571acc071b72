/**
 * Who may talk to the dashboard. A dashboard that starts containers is root on the machine,
 * so every request is checked before any route runs:
 * - the Host header must name this machine's loopback (defeats DNS rebinding);
 * - state-changing requests and streams must come from our own origin (defeats CSRF and
 *   cross-site SSE/fetch from any page the user happens to visit).
 * Pure functions: the proxy and the tests call them with plain strings.
 */

import { MyceliumError } from "../errors";

export const LOOPBACK_HOSTNAMES = new Set(["localhost", "127.0.0.1", "[::1]"]);

export const MAX_REQUEST_BODY_BYTES = 1024 * 1024;

export type GuardVerdict = { allowed: true } | { allowed: false; refusal: MyceliumError };

export interface GuardRequest {
  method: string;
  /** The Host header exactly as sent. */
  host: string | null;
  origin: string | null;
  secFetchSite: string | null;
  /** `text/event-stream` in Accept marks a stream, which must be same-origin like a write. */
  accept: string | null;
  contentLength: string | null;
}

export interface GuardOptions {
  /** The port the dashboard listens on; when unknown, any port on a loopback name is accepted. */
  port: number | null;
  /** Extra host names the user allowed explicitly (e.g. when binding elsewhere on purpose). */
  extraAllowedHosts?: readonly string[];
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Split `host[:port]`, keeping IPv6 brackets; null when the header is malformed. */
export function splitHostHeader(host: string): { hostname: string; port: number | null } | null {
  const match = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::(\d{1,5}))?$/i.exec(host.trim());
  if (!match) return null;
  return { hostname: match[1]!.toLowerCase(), port: match[2] ? Number(match[2]) : null };
}

export function isAllowedHost(host: string | null, options: GuardOptions): boolean {
  if (!host) return false;
  const parsed = splitHostHeader(host);
  if (!parsed) return false;
  const allowedNames = new Set([
    ...LOOPBACK_HOSTNAMES,
    ...(options.extraAllowedHosts ?? []).map((h) => h.toLowerCase()),
  ]);
  if (!allowedNames.has(parsed.hostname)) return false;
  if (options.port === null) return true;
  // Browsers omit the default port; the dashboard never listens on 80 unless told to.
  return (parsed.port ?? 80) === options.port;
}

/** Same origin means: an Origin whose host is exactly the Host we accepted, over http. */
export function isSameOrigin(request: Pick<GuardRequest, "origin" | "secFetchSite" | "host">): boolean {
  if (request.origin && request.origin !== "null") {
    try {
      const origin = new URL(request.origin);
      return origin.protocol === "http:" && origin.host.toLowerCase() === (request.host ?? "").toLowerCase();
    } catch {
      return false;
    }
  }
  return request.secFetchSite === "same-origin";
}

function refuse(
  code: "forbidden:host" | "forbidden:cross_origin" | "payload_too_large:body",
  message: string,
  hint: string,
): GuardVerdict {
  return { allowed: false, refusal: new MyceliumError(code, message, { hint }) };
}

export function guardRequest(request: GuardRequest, options: GuardOptions): GuardVerdict {
  if (!isAllowedHost(request.host, options)) {
    return refuse(
      "forbidden:host",
      `Requests for host "${(request.host ?? "").slice(0, 100)}" are refused.`,
      "Open the dashboard as http://127.0.0.1:<port> or http://localhost:<port>.",
    );
  }
  const isStream = (request.accept ?? "").includes("text/event-stream");
  const changesState = !SAFE_METHODS.has(request.method.toUpperCase());
  if ((changesState || isStream) && !isSameOrigin(request)) {
    return refuse(
      "forbidden:cross_origin",
      changesState
        ? "This request did not come from the dashboard's own page, so it was refused."
        : "Streams can only be opened from the dashboard's own page.",
      "Use the dashboard at its own address; other web pages cannot drive it.",
    );
  }
  if (request.contentLength !== null && Number(request.contentLength) > MAX_REQUEST_BODY_BYTES) {
    return refuse(
      "payload_too_large:body",
      `The request body is larger than ${MAX_REQUEST_BODY_BYTES / 1024 / 1024} MiB.`,
      "Config files are small; check that you sent the right file.",
    );
  }
  return { allowed: true };
}
