/**
 * A Server-Sent Events response. `start` gets a `send` function and returns a cleanup that
 * runs when the client goes away (request aborted) or the stream is closed, so no listener or
 * upstream stream outlives its reader.
 */
export function sseResponse(
  request: Request,
  start: (send: (event: string, data: unknown) => void, close: () => void) => () => void,
  { heartbeatMs = 15_000 }: { heartbeatMs?: number } = {},
): Response {
  const encoder = new TextEncoder();
  let cleanup: (() => void) | null = null;
  let heartbeat: ReturnType<typeof setInterval> | null = null;
  let closed = false;

  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const close = () => {
        if (closed) return;
        closed = true;
        if (heartbeat) clearInterval(heartbeat);
        request.signal.removeEventListener("abort", close);
        cleanup?.();
        try {
          controller.close();
        } catch {
          // already closed by the client
        }
      };
      const send = (event: string, data: unknown) => {
        if (!closed) controller.enqueue(encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`));
      };
      request.signal.addEventListener("abort", close);
      // Comments keep proxies and the browser from timing out an idle stream.
      heartbeat = setInterval(() => !closed && controller.enqueue(encoder.encode(": keep-alive\n\n")), heartbeatMs);
      cleanup = start(send, close);
      if (closed) cleanup();
    },
    cancel() {
      closed = true;
      if (heartbeat) clearInterval(heartbeat);
      cleanup?.();
    },
  });

  return new Response(stream, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-store, no-transform",
      connection: "keep-alive",
      "x-accel-buffering": "no",
    },
  });
}
