import { describe, expect, it, vi } from "vitest";
import { MyceliumError } from "../errors";
import { SSE_HIGH_WATER_BYTES, sseResponse, type EventChannel } from "./sse";

describe("sseResponse", () => {
  it("frames events with their id, after the reconnect delay, and ends when closed", async () => {
    const close = vi.fn();
    const response = sseResponse(new Request("http://localhost/"), (channel) => {
      channel.send("hello", { a: 1 });
      channel.send("lines", [], "2024-05-01T00:00:00Z");
      channel.close();
      return { close };
    });
    expect(response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    expect(await response.text()).toBe(
      'retry: 2000\n\nevent: hello\ndata: {"a":1}\n\nid: 2024-05-01T00:00:00Z\nevent: lines\ndata: []\n\n',
    );
    await Promise.resolve();
    expect(close).toHaveBeenCalledOnce();
  });

  it("ends with a `problem` event (never `error`) when the producer cannot start", async () => {
    const response = sseResponse(new Request("http://localhost/"), () =>
      Promise.reject(new MyceliumError("unavailable:docker", "Docker is not running.", { hint: "Start it." })),
    );
    const text = await response.text();
    expect(text).toContain("event: problem\n");
    expect(text).toContain('"code":"unavailable:docker"');
    expect(text).not.toContain("event: error");
  });

  it("closes the producer when the client goes away", async () => {
    const abort = new AbortController();
    const close = vi.fn();
    const response = sseResponse(new Request("http://localhost/", { signal: abort.signal }), () => ({ close }));
    const reader = response.body!.getReader();
    await reader.read();
    abort.abort();
    await vi.waitFor(() => expect(close).toHaveBeenCalledOnce());
  });

  it("reports a full queue and resumes the producer when the client reads", async () => {
    let channel: EventChannel | null = null;
    const resume = vi.fn();
    const response = sseResponse(new Request("http://localhost/"), (opened) => {
      channel = opened;
      return { close: () => undefined, resume };
    });
    await vi.waitFor(() => expect(channel).not.toBeNull());
    const big = "x".repeat(SSE_HIGH_WATER_BYTES);
    expect(channel!.send("lines", big)).toBe(false);
    resume.mockClear();
    const reader = response.body!.getReader();
    await reader.read();
    await reader.read();
    await vi.waitFor(() => expect(resume).toHaveBeenCalled());
    await reader.cancel();
  });
});
