import net from "node:net";

export interface ExchangeTarget {
  host: string;
  port: number;
  timeoutMs: number;
  signal?: AbortSignal;
}

/**
 * One short exchange over a fresh TCP connection (a probe, a PING), resolved exactly once:
 * the first `finish` wins, and the socket, the timer and the abort listener are released
 * whatever ends it. `talk` attaches its handlers and returns what a timeout or an abort means.
 */
export function exchangeOnce<T>(
  target: ExchangeTarget,
  talk: (socket: net.Socket, finish: (result: T) => void) => () => T,
): Promise<T> {
  const { host, port, timeoutMs, signal } = target;
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    let settled = false;
    const finish = (result: T) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener("abort", onTimeout);
      socket.destroy();
      resolve(result);
    };
    const timedOut = talk(socket, finish);
    const onTimeout = () => finish(timedOut());
    const timer = setTimeout(onTimeout, timeoutMs);
    signal?.addEventListener("abort", onTimeout, { once: true });
  });
}
