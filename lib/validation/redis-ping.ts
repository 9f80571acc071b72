import { exchangeOnce } from "../net/socket-exchange";

export type RedisPingResult = { ok: true; reply: string } | { ok: false; reply: string | null; reason: string };

/** `PING` as a RESP array: what redis-cli sends. */
const PING = Buffer.from("*1\r\n$4\r\nPING\r\n", "latin1");

/** What the first reply line of a Redis server means for a health check. */
export function interpretPingReply(line: string): RedisPingResult {
  if (line === "+PONG") return { ok: true, reply: line };
  if (/^-NOAUTH\b/.test(line)) return { ok: false, reply: line, reason: "Redis requires a password (NOAUTH)" };
  if (/^-LOADING\b/.test(line)) return { ok: false, reply: line, reason: "Redis is still loading its dataset" };
  if (line.startsWith("-")) return { ok: false, reply: line, reason: `Redis answered an error: ${line.slice(1)}` };
  return { ok: false, reply: line, reason: `the listener answered "${line.slice(0, 60)}", not +PONG: it is not Redis` };
}

/**
 * A raw PING over a socket: enough to tell a live Redis from a closed port or another
 * program, without a client library.
 */
export function pingRedis(
  host: string,
  port: number,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<RedisPingResult> {
  return exchangeOnce<RedisPingResult>({ host, port, timeoutMs, signal }, (socket, finish) => {
    let buffer = "";
    socket.once("connect", () => socket.write(PING));
    socket.on("data", (chunk: Buffer) => {
      buffer += chunk.toString("latin1");
      const end = buffer.indexOf("\r\n");
      if (end >= 0) finish(interpretPingReply(buffer.slice(0, end)));
      else if (buffer.length > 512) finish(interpretPingReply(buffer.slice(0, 80)));
    });
    socket.once("end", () =>
      finish(
        buffer
          ? interpretPingReply(buffer.trim())
          : { ok: false, reply: null, reason: "the connection closed without an answer" },
      ),
    );
    socket.once("error", (error: NodeJS.ErrnoException) =>
      finish({ ok: false, reply: null, reason: error.code ?? error.message }),
    );
    return () => ({ ok: false, reply: null, reason: "no answer to PING in time" });
  });
}
