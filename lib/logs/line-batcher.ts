import { compareLines, type LogLine } from "./log-line";

export interface LineBatcherOptions {
  /** Deliver one batch; return false when the consumer is full (wait for `resume()`). */
  deliver: (lines: LogLine[]) => boolean;
  /** Stop / restart reading the sources (the Docker streams). */
  pauseSources: () => void;
  resumeSources: () => void;
  /** A batch leaves at the latest this long after its first line arrived. */
  intervalMs?: number;
  /** ... or as soon as it holds this many lines. */
  maxLines?: number;
  /** While holding the first backlog, release it early once this many lines wait. */
  holdLimit?: number;
  setTimer?: (callback: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
}

export const BATCH_INTERVAL_MS = 50;
export const BATCH_MAX_LINES = 500;

/**
 * Lines from several Docker streams → batches for one consumer, with back-pressure instead of
 * an unbounded queue: when the consumer says it is full, or a full batch is already waiting,
 * the sources are paused (their sockets stop being read, so the engine stops sending) until
 * the consumer pulls again. What is held here is at most one batch plus what the sources had
 * already read when they were paused.
 */
export class LineBatcher {
  private pending: LogLine[] = [];
  private timer: unknown = null;
  private consumerReady = true;
  private sourcesPaused = false;
  private holding = false;
  private holdLimit = 50_000;
  private closed = false;
  /** The most lines ever held at once (for tests and the bench). */
  highWater = 0;
  delivered = 0;

  private readonly intervalMs: number;
  private readonly maxLines: number;
  private readonly setTimer: (callback: () => void, ms: number) => unknown;
  private readonly clearTimer: (timer: unknown) => void;

  constructor(private readonly options: LineBatcherOptions) {
    this.intervalMs = options.intervalMs ?? BATCH_INTERVAL_MS;
    this.maxLines = options.maxLines ?? BATCH_MAX_LINES;
    this.setTimer = options.setTimer ?? ((callback, ms) => setTimeout(callback, ms));
    this.clearTimer = options.clearTimer ?? ((timer) => clearTimeout(timer as ReturnType<typeof setTimeout>));
  }

  get pendingLines(): number {
    return this.pending.length;
  }

  get paused(): boolean {
    return this.sourcesPaused;
  }

  /**
   * While holding, nothing is delivered (the first backlog is collected to be sorted as one).
   * `limit` is the most the backlog can be (the tails asked for): more waiting means live
   * lines are flooding in, so the hold ends there rather than buffering them.
   */
  hold(limit?: number): void {
    this.holding = true;
    this.holdLimit = limit ?? this.options.holdLimit ?? 50_000;
  }

  release(): void {
    if (!this.holding) return;
    this.holding = false;
    this.pending.sort(compareLines);
    this.flush();
  }

  add(lines: readonly LogLine[]): void {
    if (this.closed || lines.length === 0) return;
    for (const line of lines) this.pending.push(line);
    if (this.pending.length > this.highWater) this.highWater = this.pending.length;
    if (this.holding) {
      if (this.pending.length >= this.holdLimit) this.release();
      return;
    }
    if (this.pending.length >= this.maxLines) this.flush();
    else if (this.timer === null)
      this.timer = this.setTimer(() => ((this.timer = null), this.flush()), this.intervalMs);
    this.updateSources();
  }

  /** The consumer has room again. */
  resume(): void {
    // Pulls come after every read; only a consumer that had said "full" changes anything,
    // so a fast reader still gets ~50 ms batches rather than one event per line.
    if (this.closed || this.consumerReady) return;
    this.consumerReady = true;
    this.flush();
  }

  /** Deliver what is waiting now (after the interval, a full batch, or a resume). */
  flush(): void {
    if (this.timer !== null) {
      this.clearTimer(this.timer);
      this.timer = null;
    }
    while (!this.closed && !this.holding && this.consumerReady && this.pending.length > 0) {
      const batch = this.pending.length <= this.maxLines ? this.pending : this.pending.slice(0, this.maxLines);
      this.pending = batch === this.pending ? [] : this.pending.slice(this.maxLines);
      // Lines of different services arrive on different streams: each batch leaves in time order.
      batch.sort(compareLines);
      this.delivered += batch.length;
      this.consumerReady = this.options.deliver(batch);
      // A partial batch waits for the interval, unless the consumer asked for more.
      if (this.pending.length < this.maxLines) break;
    }
    if (this.pending.length > 0 && this.timer === null && this.consumerReady && !this.holding) {
      this.timer = this.setTimer(() => ((this.timer = null), this.flush()), this.intervalMs);
    }
    this.updateSources();
  }

  close(): void {
    this.closed = true;
    if (this.timer !== null) this.clearTimer(this.timer);
    this.timer = null;
    this.pending = [];
  }

  private updateSources(): void {
    if (this.closed) return;
    const shouldPause = !this.consumerReady || this.pending.length >= this.maxLines;
    if (shouldPause && !this.sourcesPaused) {
      this.sourcesPaused = true;
      this.options.pauseSources();
    } else if (!shouldPause && this.sourcesPaused) {
      this.sourcesPaused = false;
      this.options.resumeSources();
    }
  }
}
