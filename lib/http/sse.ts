import { toMyceliumError } from "../errors";

/** What feeds a stream: how to stop it and, when it honours back-pressure, how to go on. */
export interface EventProducer {
  /** Release every listener and upstream stream. Called once, when the stream ends. */
  close(): void;
  /** The client read something: produce again after `send` returned false. */
  resume?(): void;
}

export interface EventChannel {
  /** Queue an event; false when the client's queue is full (stop producing until `resume`). */
  send(event: string, data: unknown, id?: string): boolean;
  /** End the stream with a `problem` event ({code, message, hint}) saying why. */
  fail(error: unknown): void;
  close(): void;
}

/** How much may wait in the response stream before the producer is told to stop. */
export const SSE_HIGH_WATER_BYTES = 256 * 1024;

/** How long the browser waits before reconnecting on its own. */
const RECONNECT_MS = 2_000;

/** One Server-Sent Event as the wire carries it. */
function formatEvent(event: string, data: unknown, id?: string): string {
  return `${id ? `id: ${id}\n` : ""}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/**
 * A Server-Sent Events response. `open` gets a channel and returns (or resolves to) its
 * producer; a rejection ends the stream with a `problem` event. The stream's queue is bounded
 * (SSE_HIGH_WATER_BYTES): `send` reports when it is full and the producer is resumed when the
 * client reads. The producer is closed when the client goes away (request aborted, stream
 * cancelled) or the stream is closed, so no listener or upstream stream outlives its reader.
 * The events are never called `error`: that name is EventSource's own connection error.
 */
export function sseResponse(
  request: Request,
  open: (channel: EventChannel) => EventProducer | Promise<EventProducer>,
  { heartbeatMs = 15_000 } = {},
): Response {
  const encoder = new TextEncoder();
  let producer: EventProducer | null = null;
  let closed = false;
  let heartbeat: ReturnType<typeof setInterval> | null = null;
  let controllerRef: ReadableStreamDefaultController<Uint8Array> | null = null;

  const close = () => {
    if (closed) return;
    closed = true;
    if (heartbeat) clearInterval(heartbeat);
    request.signal.removeEventListener("abort", close);
    producer?.close();
    try {
      controllerRef?.close();
    } catch {
      // already closed or cancelled by the client
    }
  };

  const write = (text: string): boolean => {
    if (closed || !controllerRef) return false;
    try {
      controllerRef.enqueue(encoder.encode(text));
    } catch {
      close();
      return false;
    }
    return (controllerRef.desiredSize ?? 0) > 0;
  };

  const channel: EventChannel = {
    send: (event, data, id) => write(formatEvent(event, data, id)),
    fail: (error) => {
      write(formatEvent("problem", toMyceliumError(error).toBody().error));
      close();
    },
    close,
  };

  const stream = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        controllerRef = controller;
        request.signal.addEventListener("abort", close);
        if (request.signal.aborted) return close();
        // Comments keep proxies and the browser from timing out an idle stream.
        heartbeat = setInterval(() => write(": keep-alive\n\n"), heartbeatMs);
        write(`retry: ${RECONNECT_MS}\n\n`);
        new Promise<EventProducer>((resolve) => resolve(open(channel))).then((opened) => {
          producer = opened;
          if (closed) opened.close();
        }, channel.fail);
      },
      pull() {
        producer?.resume?.();
      },
      cancel() {
        close();
      },
    },
    { highWaterMark: SSE_HIGH_WATER_BYTES, size: (chunk) => chunk.byteLength },
  );

  return new Response(stream, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-store, no-transform",
      connection: "keep-alive",
      "x-accel-buffering": "no",
    },
  });
}
