import net from "node:net";

export type TcpProbeResult =
  | { open: true; durationMs: number }
  | { open: false; durationMs: number; code: string; reason: string };

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
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    let settled = false;
    const finish = (result: TcpProbeResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
      socket.destroy();
      resolve(result);
    };
    const elapsed = () => Math.round((performance.now() - started) * 10) / 10;
    const closed = (code: string) => finish({ open: false, durationMs: elapsed(), code, reason: tcpFailureReason(code) });
    const onAbort = () => closed("ETIMEDOUT");
    const timer = setTimeout(() => closed("ETIMEDOUT"), timeoutMs);
    signal?.addEventListener("abort", onAbort, { once: true });
    socket.once("connect", () => finish({ open: true, durationMs: elapsed() }));
    socket.once("error", (error: NodeJS.ErrnoException) => closed(error.code ?? "ECONNREFUSED"));
  });
}
