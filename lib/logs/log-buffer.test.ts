import { describe, expect, it } from "vitest";
import { BoundedDeque } from "./log-buffer";

describe("BoundedDeque", () => {
  it("keeps the newest items and drops the oldest when full", () => {
    const deque = new BoundedDeque<number>(3);
    expect([1, 2, 3].map((n) => deque.push(n))).toEqual([0, 0, 0]);
    expect(deque.push(4)).toBe(1);
    expect(deque.toArray()).toEqual([2, 3, 4]);
    expect(deque.first()).toBe(2);
    expect(deque.last()).toBe(4);
    expect(deque.at(3)).toBeUndefined();
  });

  it("accepts older items at the front only while there is room", () => {
    const deque = new BoundedDeque<number>(3);
    deque.push(5);
    expect(deque.unshift(4)).toBe(true);
    expect(deque.unshift(3)).toBe(true);
    expect(deque.unshift(2)).toBe(false);
    expect(deque.toArray()).toEqual([3, 4, 5]);
  });

  it("stays bounded over many pushes and clears", () => {
    const deque = new BoundedDeque<number>(1000);
    for (let i = 0; i < 250_000; i++) deque.push(i);
    expect(deque.length).toBe(1000);
    expect(deque.first()).toBe(249_000);
    deque.clear();
    expect(deque.length).toBe(0);
    expect(deque.first()).toBeUndefined();
  });

  it("refuses a non-positive capacity", () => {
    expect(() => new BoundedDeque(0)).toThrow();
  });
});
