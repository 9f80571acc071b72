/**
 * The rows of the visible (filtered) lines, for a virtualised list: which line sits at a
 * given row and where each line starts, when lines can take several rows (wrap on). Append
 * and drop-from-front are O(1) amortised; lookups are binary searches over cumulative row
 * ends, so 100,000 lines cost nothing per frame.
 */
export class RowIndex {
  private seqs: number[] = [];
  /** Cumulative row end of each entry, counted from the first entry ever pushed. */
  private ends: number[] = [];
  private start = 0;
  /** Rows taken by the entries dropped from the front. */
  private baseRow = 0;

  get length(): number {
    return this.seqs.length - this.start;
  }

  get totalRows(): number {
    return this.length === 0 ? 0 : this.ends[this.ends.length - 1]! - this.baseRow;
  }

  push(seq: number, rows: number): void {
    const previous = this.ends.length > this.start ? this.ends[this.ends.length - 1]! : this.baseRow;
    this.seqs.push(seq);
    this.ends.push(previous + Math.max(1, rows));
  }

  /** Drop entries whose line is gone from the buffer (seq below `seq`); returns the rows they took. */
  dropBelow(seq: number): number {
    let dropped = 0;
    while (this.start < this.seqs.length && this.seqs[this.start]! < seq) {
      const end = this.ends[this.start]!;
      dropped += end - this.baseRow;
      this.baseRow = end;
      this.start++;
    }
    if (this.start > 4096 && this.start * 2 > this.seqs.length) {
      this.seqs = this.seqs.slice(this.start);
      this.ends = this.ends.slice(this.start);
      this.start = 0;
    }
    return dropped;
  }

  clear(): void {
    this.seqs = [];
    this.ends = [];
    this.start = 0;
    this.baseRow = 0;
  }

  seqAt(index: number): number | undefined {
    return index >= 0 && index < this.length ? this.seqs[this.start + index] : undefined;
  }

  /** First row of entry `index`. */
  rowOf(index: number): number {
    if (index <= 0) return 0;
    return this.ends[this.start + Math.min(index, this.length) - 1]! - this.baseRow;
  }

  rowsAt(index: number): number {
    return this.rowOf(index + 1) - this.rowOf(index);
  }

  /** The entry that covers `row` (clamped to the list). */
  indexAtRow(row: number): number {
    const length = this.length;
    if (length === 0) return 0;
    const target = this.baseRow + Math.max(0, row);
    let low = 0;
    let high = length - 1;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.ends[this.start + mid]! > target) high = mid;
      else low = mid + 1;
    }
    return low;
  }

  /** Position of the entry with this seq, or -1. */
  indexOfSeq(seq: number): number {
    let low = this.start;
    let high = this.seqs.length - 1;
    while (low <= high) {
      const mid = (low + high) >>> 1;
      const value = this.seqs[mid]!;
      if (value === seq) return mid - this.start;
      if (value < seq) low = mid + 1;
      else high = mid - 1;
    }
    return -1;
  }
}
