import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { openEventStream, type EventStreamConnection } from "./use-event-stream";

/** The part of EventSource the stream uses, driven by the test. */
class FakeEventSource extends EventTarget {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 2;
  static opened: FakeEventSource[] = [];
  readyState = FakeEventSource.CONNECTING;

  constructor(readonly url: string) {
    super();
    FakeEventSource.opened.push(this);
  }

  close() {
    this.readyState = FakeEventSource.CLOSED;
  }

  open() {
    this.readyState = FakeEventSource.OPEN;
    this.dispatchEvent(new Event("open"));
  }

  receive(name: string, data: unknown, lastEventId = "") {
    this.dispatchEvent(new MessageEvent(name, { data: JSON.stringify(data), lastEventId }));
  }

  /** The connection dropped (`retrying`: the browser reconnects by itself) or was refused. */
  fail(retrying: boolean) {
    this.readyState = retrying ? FakeEventSource.CONNECTING : FakeEventSource.CLOSED;
    this.dispatchEvent(new Event("error"));
  }
}

const latest = () => FakeEventSource.opened.at(-1)!;

beforeEach(() => {
  FakeEventSource.opened = [];
  vi.stubGlobal("EventSource", FakeEventSource);
  vi.useFakeTimers();
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe("openEventStream", () => {
  it("hands each named event its parsed data and id", () => {
    const received: unknown[] = [];
    openEventStream<{ lines: string[] }>("/api/logs", {
      lines: (lines, { lastEventId }) => received.push([lines, lastEventId]),
    });
    latest().receive("lines", ["a", "b"], "2024-05-01T00:00:00Z");
    expect(received).toEqual([[["a", "b"], "2024-05-01T00:00:00Z"]]);
  });

  it("tells a dropped connection (the browser retries) from a refused one", () => {
    const connections: EventStreamConnection[] = [];
    openEventStream("/s", {}, { onConnection: (connection) => connections.push(connection) });
    latest().open();
    latest().fail(true);
    latest().fail(false);
    expect(connections).toEqual(["open", "reconnecting", "refused"]);
    expect(FakeEventSource.opened).toHaveLength(1);
  });

  it("stays quiet once a handler closed it", () => {
    const onConnection = vi.fn();
    openEventStream<{ done: null }>("/s", { done: (_, stream) => stream.close() }, { onConnection });
    latest().receive("done", null);
    expect(latest().readyState).toBe(FakeEventSource.CLOSED);
    latest().fail(false);
    expect(onConnection).not.toHaveBeenCalled();
  });

  it("retries a refused stream after growing delays, at the URL of the moment, until it opens", () => {
    let after = "";
    openEventStream(() => `/api/logs?after=${after}`, {}, { retryRefusedMs: [2_000, 4_000] });
    after = "t1";
    latest().fail(false);
    vi.advanceTimersByTime(1_999);
    expect(FakeEventSource.opened).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(latest().url).toBe("/api/logs?after=t1");
    latest().fail(false);
    vi.advanceTimersByTime(4_000);
    latest().fail(false);
    vi.advanceTimersByTime(4_000);
    expect(FakeEventSource.opened).toHaveLength(4);
    // An open connection starts the delays over.
    latest().open();
    latest().fail(false);
    vi.advanceTimersByTime(2_000);
    expect(FakeEventSource.opened).toHaveLength(5);
  });

  it("cancels a pending retry when stopped", () => {
    const stop = openEventStream("/s", {}, { retryRefusedMs: [2_000] });
    latest().fail(false);
    stop();
    vi.advanceTimersByTime(10_000);
    expect(FakeEventSource.opened).toHaveLength(1);
  });
});
