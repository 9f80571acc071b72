import { stripAnsi } from "./ansi";
import { BoundedDeque } from "./log-buffer";
import { compileFilter, type CompiledFilter } from "./log-filter";
import { compareLines, type LogLine } from "./log-line";
import { RowIndex } from "./row-index";

/** What the browser keeps of a line: a sequence number and its text without escapes. */
export interface StoredLine extends LogLine {
  seq: number;
  plain: string;
}

export const DEFAULT_CAPACITY = 100_000;

const NO_FILTER = compileFilter({ text: "", regex: false, streams: { stdout: true, stderr: true } });

/**
 * The log viewer's model, outside React: a bounded buffer of lines (oldest dropped), the
 * filtered view over it, and the rows each visible line takes. Everything is incremental
 * on append; a filter or layout change rebuilds the view once. React reads it through
 * useSyncExternalStore: `subscribe` and `getRevision`, which changes with the lines.
 */
export class LogStore {
  private buffer: BoundedDeque<StoredLine>;
  private nextSeq = 0;
  private filter: CompiledFilter = NO_FILTER;
  private rowsOf: (line: StoredLine) => number = () => 1;
  private layoutKey = "";
  private view = new RowIndex();
  private dropped = 0;
  private revision = 0;
  private listeners = new Set<() => void>();
  /** Visible lines appended so far (the viewer counts "N new" from it). */
  appendedVisible = 0;

  constructor(readonly capacity: number = DEFAULT_CAPACITY) {
    this.buffer = new BoundedDeque(capacity);
  }

  /** Call `listener` after each change of the lines (append, merge, clear); returns the unsubscribe. */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /**
   * A number that changes with the lines. A filter or layout change does not count: it is
   * applied while rendering, in the render that shows it.
   */
  readonly getRevision = (): number => this.revision;

  get lineCount(): number {
    return this.buffer.length;
  }

  get visibleCount(): number {
    return this.view.length;
  }

  get totalRows(): number {
    return this.view.totalRows;
  }

  /** Rows dropped from the top of the view so far (to keep a scrolled-up position still). */
  get droppedRows(): number {
    return this.dropped;
  }

  /** Append newer lines; returns how many of them are visible under the current filter. */
  append(lines: readonly LogLine[]): number {
    let visible = 0;
    for (const line of lines) {
      const stored: StoredLine = { ...line, seq: this.nextSeq++, plain: stripAnsi(line.text) };
      this.buffer.push(stored);
      if (this.filter.matches(stored, stored.plain)) {
        this.view.push(stored.seq, this.rowsOf(stored));
        visible++;
      }
    }
    const first = this.buffer.first();
    if (first) this.dropped += this.view.dropBelow(first.seq);
    this.appendedVisible += visible;
    this.changed();
    return visible;
  }

  /**
   * Merge older lines (a page from the server) into time order. Lines beyond the capacity
   * are dropped from the oldest end. Returns how many lines were kept.
   */
  mergeOlder(lines: readonly LogLine[]): number {
    if (lines.length === 0) return 0;
    let added = 0;
    const existing = this.buffer.toArray();
    const merged: LogLine[] = [...lines, ...existing].sort(compareLines);
    const kept = merged.slice(Math.max(0, merged.length - this.capacity));
    this.buffer = new BoundedDeque(this.capacity);
    this.nextSeq = 0;
    for (const line of kept) {
      const stored = line as StoredLine;
      if (typeof stored.seq === "number" && typeof stored.plain === "string") {
        stored.seq = this.nextSeq++;
        this.buffer.push(stored);
      } else {
        this.buffer.push({ ...line, seq: this.nextSeq++, plain: stripAnsi(line.text) });
        added++;
      }
    }
    this.rebuildView();
    this.changed();
    return added;
  }

  clear(): void {
    this.buffer.clear();
    this.view.clear();
    this.changed();
  }

  /** Apply a filter; a no-op when it is the one already applied (safe to call on every render). */
  setFilter(filter: CompiledFilter): void {
    if (filter === this.filter) return;
    this.filter = filter;
    this.rebuildView();
  }

  /** How many rows each line takes; `key` names the layout so an unchanged one costs nothing. */
  setLayout(key: string, rowsOf: (line: StoredLine) => number): void {
    if (key === this.layoutKey) return;
    this.layoutKey = key;
    this.rowsOf = rowsOf;
    this.rebuildView();
  }

  visibleAt(index: number): StoredLine | undefined {
    const seq = this.view.seqAt(index);
    return seq === undefined ? undefined : this.lineBySeq(seq);
  }

  rowOf(index: number): number {
    return this.view.rowOf(index);
  }

  rowsAt(index: number): number {
    return this.view.rowsAt(index);
  }

  indexAtRow(row: number): number {
    return this.view.indexAtRow(row);
  }

  /** View position of a stored line, or -1 when it is filtered out or gone. */
  indexOf(line: StoredLine): number {
    return this.lineBySeq(line.seq) === line ? this.view.indexOfSeq(line.seq) : -1;
  }

  visibleLines(): StoredLine[] {
    const out: StoredLine[] = new Array(this.view.length);
    for (let i = 0; i < out.length; i++) out[i] = this.visibleAt(i)!;
    return out;
  }

  /** The oldest timestamp held for each service (where "load older" continues from). */
  oldestByService(): Map<string, string> {
    const oldest = new Map<string, string>();
    for (let i = 0; i < this.buffer.length; i++) {
      const line = this.buffer.at(i)!;
      const known = oldest.get(line.service);
      if (known === undefined || line.ts < known) oldest.set(line.service, line.ts);
    }
    return oldest;
  }

  private lineBySeq(seq: number): StoredLine | undefined {
    const first = this.buffer.first();
    if (!first) return undefined;
    return this.buffer.at(seq - first.seq);
  }

  private changed(): void {
    this.revision++;
    for (const listener of this.listeners) listener();
  }

  private rebuildView(): void {
    this.view = new RowIndex();
    for (let i = 0; i < this.buffer.length; i++) {
      const line = this.buffer.at(i)!;
      if (this.filter.matches(line, line.plain)) this.view.push(line.seq, this.rowsOf(line));
    }
  }
}
