import { exchangeOnce } from "../net/socket-exchange";

export type ProbedProtocol = "postgres" | "http2" | "http" | "unknown";

export interface PortProbe {
  port: number;
  open: boolean;
  protocol: ProbedProtocol | null;
  description: string;
}

// PostgreSQL's SSLRequest: length 8, code 80877103. A PostgreSQL server answers one byte,
// S or N; an HTTP/1 server answers "HTTP/1.x 400"; an HTTP/2 (gRPC) server sends its
// SETTINGS frame first. One short exchange tells the three apart.
const SSL_REQUEST = Buffer.from([0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x2f]);
const HTTP2_FRAME_SETTINGS = 0x04;

export function classifyGreeting(reply: Buffer): { protocol: ProbedProtocol; description: string } {
  if (reply.length === 1 && (reply[0] === 0x53 || reply[0] === 0x4e))
    return { protocol: "postgres", description: "a PostgreSQL server" };
  if (reply.subarray(0, 5).toString("latin1") === "HTTP/") {
    const server = /\r\nserver:\s*([^\r\n]+)/i.exec(reply.toString("latin1"))?.[1];
    return { protocol: "http", description: server ? `an HTTP server (${server.slice(0, 60)})` : "an HTTP server" };
  }
  if (reply.length >= 9 && reply[3] === HTTP2_FRAME_SETTINGS)
    return { protocol: "http2", description: "an HTTP/2 or gRPC server" };
  return { protocol: "unknown", description: "a program that speaks neither PostgreSQL nor HTTP" };
}

const HTTP_GET = Buffer.from("GET / HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n", "latin1");
/** The HTTP/2 client preface and an empty SETTINGS frame (RFC 9113 §3.4). */
const HTTP2_PREFACE = Buffer.concat([
  Buffer.from("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", "latin1"),
  Buffer.from([0, 0, 0, HTTP2_FRAME_SETTINGS, 0, 0, 0, 0, 0]),
]);

/**
 * Who listens on host:port. A refused connection means free; otherwise the first bytes the
 * listener sends back name its protocol: first to a PostgreSQL SSLRequest; when that gets no
 * answer, to the HTTP/2 preface (Go's gRPC servers, Temporal's among them, say nothing until
 * they have read it), then to a plain GET (some HTTP servers wait for a full line).
 */
export async function probePort(host: string, port: number, timeoutMs = 700): Promise<PortProbe> {
  const first = await exchange(host, port, SSL_REQUEST, timeoutMs);
  if (!first.open || first.protocol !== "unknown") return first;
  for (const greeting of [HTTP2_PREFACE, HTTP_GET]) {
    const next = await exchange(host, port, greeting, timeoutMs);
    if (next.protocol === "http" || next.protocol === "http2") return next;
  }
  return first;
}

function exchange(host: string, port: number, greeting: Buffer, timeoutMs: number): Promise<PortProbe> {
  return exchangeOnce<PortProbe>({ host, port, timeoutMs }, (socket, finish) => {
    const chunks: Buffer[] = [];
    // What the listener said so far; at the deadline, silence is an answer too.
    const classify = (): PortProbe => {
      const reply = Buffer.concat(chunks);
      if (reply.length === 0)
        return { port, open: true, protocol: "unknown", description: "a program that does not answer" };
      return { port, open: true, ...classifyGreeting(reply) };
    };
    socket.once("connect", () => socket.write(greeting));
    socket.on("data", (chunk: Buffer) => {
      chunks.push(chunk);
      // One byte is a whole PostgreSQL answer; anything longer is read until the server is done.
      if (chunks.length === 1 && chunk.length === 1) finish(classify());
    });
    socket.once("end", () => finish(classify()));
    socket.once("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "ECONNREFUSED") finish({ port, open: false, protocol: null, description: "free" });
      else if (chunks.length > 0) finish(classify());
      else
        finish({
          port,
          open: true,
          protocol: "unknown",
          description: `a listener that failed the handshake (${error.code ?? "error"})`,
        });
    });
    return classify;
  });
}
