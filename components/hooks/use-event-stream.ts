"use client";

import { useEffect, useRef } from "react";

/**
 * How a connection stands: open; dropped, with the browser retrying by itself (it sends
 * Last-Event-ID); or refused (the server answered with an error instead of a stream), after
 * which the browser does not retry.
 */
export type EventStreamConnection = "open" | "reconnecting" | "refused";

export interface EventStreamControl {
  /** The `id:` of the event being handled ("" when it has none). */
  lastEventId: string;
  /** Stop following: an EventSource would otherwise reconnect and replay what it followed. */
  close(): void;
}

/** One handler per server event, given the event's JSON data. */
export type EventHandlers<Events> = {
  [Name in keyof Events & string]: (data: Events[Name], stream: EventStreamControl) => void;
};

type AnyHandlers = Record<string, (data: unknown, stream: EventStreamControl) => void>;

export interface EventStreamOptions {
  onConnection?: (connection: EventStreamConnection) => void;
  /**
   * Connect again after a refusal, waiting these delays in turn (the last one repeats, an
   * open connection starts over). Without them a refused stream stays closed.
   */
  retryRefusedMs?: readonly number[];
}

/**
 * Follow the Server-Sent Events at `url`; a function is asked again for each retry after a
 * refusal (to resume after what was seen). The server's events are JSON and never called
 * `error`: that name is EventSource's own, for the connection. Returns the function that
 * stops following. The one place the browser opens an event stream.
 */
export function openEventStream<Events>(
  url: string | (() => string),
  handlers: EventHandlers<Events>,
  { onConnection, retryRefusedMs = [] }: EventStreamOptions = {},
): () => void {
  let source: EventSource | null = null;
  let retry: ReturnType<typeof setTimeout> | null = null;
  let refusals = 0;
  let closed = false;

  const close = () => {
    closed = true;
    source?.close();
    if (retry) clearTimeout(retry);
  };

  const connect = () => {
    const current = new EventSource(typeof url === "string" ? url : url());
    source = current;
    for (const [name, handle] of Object.entries(handlers as AnyHandlers)) {
      current.addEventListener(name, (message) => {
        const { data, lastEventId } = message as MessageEvent<string>;
        handle(JSON.parse(data), { lastEventId, close });
      });
    }
    current.addEventListener("open", () => {
      refusals = 0;
      onConnection?.("open");
    });
    current.addEventListener("error", () => {
      if (closed) return;
      if (current.readyState === EventSource.CONNECTING) return onConnection?.("reconnecting");
      current.close();
      onConnection?.("refused");
      if (retryRefusedMs.length > 0)
        retry = setTimeout(connect, retryRefusedMs[Math.min(refusals++, retryRefusedMs.length - 1)]);
    });
  };

  connect();
  return close;
}

/**
 * openEventStream for a component: follows `url` while mounted (none while it is null) and
 * anew when it changes. The handlers and options of the latest render are the ones called.
 */
export function useEventStream<Events>(
  url: string | null,
  handlers: EventHandlers<Events>,
  options: EventStreamOptions = {},
): void {
  const latest = useRef({ handlers, options });
  useEffect(() => {
    latest.current = { handlers, options };
  });
  const names = Object.keys(handlers).join(",");

  useEffect(() => {
    if (!url) return;
    const current = () => latest.current.handlers as AnyHandlers;
    const forwarded: AnyHandlers = Object.fromEntries(
      names.split(",").map((name) => [name, (data, stream) => current()[name]!(data, stream)]),
    );
    return openEventStream<Record<string, unknown>>(url, forwarded, {
      onConnection: (connection) => latest.current.options.onConnection?.(connection),
      retryRefusedMs: latest.current.options.retryRefusedMs,
    });
  }, [url, names]);
}
