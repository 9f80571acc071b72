import { describe, expect, it } from "vitest";
import { compileFilter } from "./log-filter";
import type { LogLine } from "./log-line";
import { LogStore } from "./log-store";

const ts = (n: number) => `2024-05-01T12:00:00.${String(n).padStart(9, "0")}Z`;
const line = (
  n: number,
  text = `line ${n}`,
  stream: "stdout" | "stderr" = "stdout",
  service = "postgres",
): LogLine => ({ service, stream, ts: ts(n), text });

describe("LogStore", () => {
  it("keeps a bounded buffer, dropping the oldest, and counts the rows dropped", () => {
    const store = new LogStore(100);
    store.append(Array.from({ length: 250 }, (_, i) => line(i)));
    expect(store.lineCount).toBe(100);
    expect(store.visibleCount).toBe(100);
    expect(store.visibleAt(0)!.text).toBe("line 150");
    expect(store.droppedRows).toBe(150);
    expect(store.appendedVisible).toBe(250);
  });

  it("filters incrementally and rebuilds when the filter changes", () => {
    const store = new LogStore();
    store.setFilter(compileFilter({ text: "err", regex: false, streams: { stdout: true, stderr: true } }));
    expect(store.append([line(1, "ok"), line(2, "an error", "stderr"), line(3, "\x1b[31mERR\x1b[0m")])).toBe(2);
    expect(store.visibleLines().map((l) => l.plain)).toEqual(["an error", "ERR"]);
    store.setFilter(compileFilter({ text: "", regex: false, streams: { stdout: false, stderr: true } }));
    expect(store.visibleLines().map((l) => l.text)).toEqual(["an error"]);
  });

  it("lays out wrapped lines by their length", () => {
    const store = new LogStore();
    store.append([line(1, "x".repeat(25)), line(2, "short")]);
    store.setLayout("cols:10", (l) => Math.max(1, Math.ceil(l.plain.length / 10)));
    expect(store.totalRows).toBe(4);
    expect(store.indexAtRow(2)).toBe(0);
    expect(store.indexAtRow(3)).toBe(1);
  });

  it("merges older lines into time order, keeps the same line objects, and says how many were new", () => {
    const store = new LogStore(10);
    store.append([line(5), line(6, "six", "stdout", "temporal"), line(8)]);
    const six = store.visibleAt(1)!;
    expect(store.mergeOlder([line(1), line(7, "seven", "stdout", "temporal"), line(2)])).toBe(3);
    expect(store.visibleLines().map((l) => l.ts)).toEqual([1, 2, 5, 6, 7, 8].map(ts));
    expect(store.indexOf(six)).toBe(3);
    expect(store.oldestByService()).toEqual(
      new Map([
        ["postgres", ts(1)],
        ["temporal", ts(6)],
      ]),
    );
  });

  it("never lets older lines push out newer ones beyond the capacity", () => {
    const store = new LogStore(3);
    store.append([line(5), line(6), line(7)]);
    expect(store.mergeOlder([line(1), line(2)])).toBe(0);
    expect(store.visibleLines().map((l) => l.ts)).toEqual([5, 6, 7].map(ts));
  });

  it("clears", () => {
    const store = new LogStore();
    store.append([line(1)]);
    store.clear();
    expect(store.lineCount).toBe(0);
    expect(store.visibleCount).toBe(0);
    store.append([line(2)]);
    expect(store.visibleAt(0)!.ts).toBe(ts(2));
  });

  it("tells its subscribers when the lines change, not when the filter does", () => {
    const store = new LogStore();
    let calls = 0;
    const unsubscribe = store.subscribe(() => calls++);
    const before = store.getRevision();
    store.append([line(5)]);
    store.mergeOlder([line(1)]);
    store.clear();
    expect(calls).toBe(3);
    expect(store.getRevision()).not.toBe(before);
    const revision = store.getRevision();
    store.setFilter(compileFilter({ text: "x", regex: false, streams: { stdout: true, stderr: true } }));
    expect(store.getRevision()).toBe(revision);
    unsubscribe();
    store.append([line(6)]);
    expect(calls).toBe(3);
  });
});
