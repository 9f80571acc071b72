/**
 * A bounded double-ended queue: new items at the back, the oldest dropped at the front when
 * full, and older items (a "load older" page) accepted at the front while there is room.
 * Backed by one fixed array used as a ring, so pushes never copy or reallocate.
 */
export class BoundedDeque<T> {
  private readonly items: (T | undefined)[];
  private head = 0;
  private size = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new Error("capacity must be a positive integer");
    this.items = new Array<T | undefined>(capacity);
  }

  get length(): number {
    return this.size;
  }

  /** Append; returns how many of the oldest items were dropped to make room. */
  push(item: T): number {
    if (this.size === this.capacity) {
      this.items[this.head] = item;
      this.head = (this.head + 1) % this.capacity;
      return 1;
    }
    this.items[(this.head + this.size) % this.capacity] = item;
    this.size++;
    return 0;
  }

  /** Prepend (an older item); false when full: older items never push out newer ones. */
  unshift(item: T): boolean {
    if (this.size === this.capacity) return false;
    this.head = (this.head - 1 + this.capacity) % this.capacity;
    this.items[this.head] = item;
    this.size++;
    return true;
  }

  at(index: number): T | undefined {
    if (index < 0 || index >= this.size) return undefined;
    return this.items[(this.head + index) % this.capacity];
  }

  first(): T | undefined {
    return this.at(0);
  }

  last(): T | undefined {
    return this.at(this.size - 1);
  }

  clear(): void {
    this.items.fill(undefined);
    this.head = 0;
    this.size = 0;
  }

  toArray(): T[] {
    const out = new Array<T>(this.size);
    for (let i = 0; i < this.size; i++) out[i] = this.items[(this.head + i) % this.capacity]!;
    return out;
  }
}
