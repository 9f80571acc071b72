import { exchangeOnce } from "../net/socket-exchange";

export type TcpProbeResult =
  { open: true; durationMs: number } | { open: false; durationMs: number; code: string; reason: string };

const REASONS: Record<string, string> = {
  ECONNREFUSED: "connection refused",
  ETIMEDOUT: "no answer",
  EHOSTUNREACH: "host unreachable",
  ENETUNREACH: "network unreachable",
  ENOTFOUND: "host name not found",
  EAI_AGAIN: "host name lookup failed",
  ECONNRESET: "connection reset",
};

/** How a refused or silent port reads in a sentence: "connection refused". */
export function tcpFailureReason(code: string): string {
  return REASONS[code] ?? code.toLowerCase();
}

/**
 * Whether a TCP connection to host:port opens. A short connect timeout (500 ms by default)
 * is enough on a local stack: a refused port answers at once, and a silent one is as good
 * as closed for a health check.
 */
export function probeTcp(host: string, port: number, timeoutMs = 500, signal?: AbortSignal): Promise<TcpProbeResult> {
  const started = performance.now();
  const elapsed = () => Math.round((performance.now() - started) * 10) / 10;
  const closed = (code: string): TcpProbeResult => ({
    open: false,
    durationMs: elapsed(),
    code,
    reason: tcpFailureReason(code),
  });
  return exchangeOnce<TcpProbeResult>({ host, port, timeoutMs, signal }, (socket, finish) => {
    socket.once("connect", () => finish({ open: true, durationMs: elapsed() }));
    socket.once("error", (error: NodeJS.ErrnoException) => finish(closed(error.code ?? "ECONNREFUSED")));
    return () => closed("ETIMEDOUT");
  });
}
