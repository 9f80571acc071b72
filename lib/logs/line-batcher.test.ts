import { describe, expect, it } from "vitest";
import { LineBatcher } from "./line-batcher";
import type { LogLine } from "./log-line";

const line = (n: number, service = "postgres"): LogLine => ({
  service,
  stream: "stdout",
  ts: `2024-05-01T12:00:00.${String(n).padStart(9, "0")}Z`,
  text: `l${n}`,
});
const lines = (from: number, count: number) => Array.from({ length: count }, (_, i) => line(from + i));

function harness(consumerRoom = Infinity) {
  const timers: (() => void)[] = [];
  const batches: LogLine[][] = [];
  const events: string[] = [];
  let room = consumerRoom;
  const batcher = new LineBatcher({
    deliver: (batch) => {
      batches.push(batch);
      room -= 1;
      return room > 0;
    },
    pauseSources: () => events.push("pause"),
    resumeSources: () => events.push("resume"),
    intervalMs: 50,
    maxLines: 500,
    setTimer: (callback) => {
      timers.push(callback);
      return timers.length;
    },
    clearTimer: (id) => {
      timers[(id as number) - 1] = () => undefined;
    },
  });
  const tick = () => timers.splice(0).forEach((callback) => callback());
  return { batcher, batches, events, tick, setRoom: (n: number) => (room = n) };
}

describe("LineBatcher", () => {
  it("waits for the interval before sending a partial batch, then sends it in time order", () => {
    const { batcher, batches, tick } = harness();
    batcher.add([line(3, "temporal"), line(1)]);
    batcher.add([line(2)]);
    expect(batches).toEqual([]);
    tick();
    expect(batches.map((b) => b.map((l) => l.text))).toEqual([["l1", "l2", "l3"]]);
  });

  it("sends full batches of 500 at once", () => {
    const { batcher, batches } = harness();
    batcher.add(lines(0, 1_200));
    expect(batches.map((b) => b.length)).toEqual([500, 500]);
    expect(batcher.pendingLines).toBe(200);
  });

  it("pauses the sources when the consumer is full and resumes them on pull", () => {
    const { batcher, batches, events, setRoom } = harness(1);
    batcher.add(lines(0, 600));
    expect(batches).toHaveLength(1);
    expect(events).toEqual(["pause"]);
    // More arrives from what the sockets had already read: held, not delivered.
    batcher.add(lines(600, 300));
    expect(batches).toHaveLength(1);
    expect(batcher.pendingLines).toBe(400);
    setRoom(10);
    batcher.resume();
    expect(batches.map((b) => b.length)).toEqual([500, 400]);
    expect(events).toEqual(["pause", "resume"]);
    expect(batcher.highWater).toBe(600);
  });

  it("does not turn every pull into a tiny batch", () => {
    const { batcher, batches } = harness();
    batcher.add(lines(0, 3));
    batcher.resume();
    batcher.resume();
    expect(batches).toEqual([]);
  });

  it("holds the first backlog until released, then sends it merged in time order", () => {
    const { batcher, batches, tick } = harness();
    batcher.hold();
    batcher.add([line(5, "temporal"), line(9, "temporal")]);
    batcher.add([line(1), line(7)]);
    tick();
    expect(batches).toEqual([]);
    batcher.release();
    expect(batches).toHaveLength(1);
    expect(batches[0]!.map((l) => l.ts.slice(-2))).toEqual(["1Z", "5Z", "7Z", "9Z"]);
  });

  it("ends the hold early when more lines wait than the backlog can hold (a live flood)", () => {
    const { batcher, batches } = harness();
    batcher.hold(600);
    batcher.add(lines(0, 599));
    expect(batches).toEqual([]);
    batcher.add(lines(599, 1));
    expect(batches.map((b) => b.length)).toEqual([500]);
    expect(batcher.pendingLines).toBe(100);
  });

  it("drops everything on close and delivers nothing after", () => {
    const { batcher, batches, tick } = harness();
    batcher.add(lines(0, 10));
    batcher.close();
    tick();
    batcher.add(lines(10, 600));
    expect(batches).toEqual([]);
  });
});
