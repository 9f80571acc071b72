import { describe, expect, it } from "vitest";
import { RowIndex } from "./row-index";

describe("RowIndex", () => {
  it("maps rows to entries and back with fixed heights", () => {
    const index = new RowIndex();
    for (let seq = 0; seq < 100; seq++) index.push(seq, 1);
    expect(index.totalRows).toBe(100);
    expect(index.indexAtRow(42)).toBe(42);
    expect(index.rowOf(42)).toBe(42);
    expect(index.indexAtRow(1000)).toBe(99);
    expect(index.indexAtRow(-5)).toBe(0);
  });

  it("handles lines that take several rows", () => {
    const index = new RowIndex();
    index.push(10, 1);
    index.push(11, 3);
    index.push(12, 2);
    expect(index.totalRows).toBe(6);
    expect([0, 1, 2, 3, 4, 5].map((row) => index.indexAtRow(row))).toEqual([0, 1, 1, 1, 2, 2]);
    expect(index.rowOf(2)).toBe(4);
    expect(index.rowsAt(1)).toBe(3);
    expect(index.indexOfSeq(12)).toBe(2);
    expect(index.indexOfSeq(13)).toBe(-1);
  });

  it("drops entries from the front and reports the rows they took", () => {
    const index = new RowIndex();
    for (let seq = 0; seq < 10_000; seq++) index.push(seq, seq % 2 ? 2 : 1);
    expect(index.dropBelow(5_000)).toBe(7_500);
    expect(index.length).toBe(5_000);
    expect(index.seqAt(0)).toBe(5_000);
    expect(index.rowOf(0)).toBe(0);
    expect(index.totalRows).toBe(7_500);
    expect(index.indexAtRow(2)).toBe(1);
    index.push(10_000, 1);
    expect(index.totalRows).toBe(7_501);
    expect(index.indexOfSeq(10_000)).toBe(5_000);
  });
});
