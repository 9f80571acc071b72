import { randomUUID } from "node:crypto";

/**
 * The events of a long piece of work (a deploy, a fix), each stamped with its time: a page
 * that reconnects (or a second tab) replays the history and then follows live.
 */
export class ReplayedEvents<E extends object> {
  readonly events: (E & { at: number })[] = [];
  private readonly listeners = new Set<(event: E & { at: number }) => void>();

  emit(event: E): void {
    // Stamped, so a page that re-attaches later can still count down from the right moment.
    const stamped = { ...event, at: Date.now() };
    this.events.push(stamped);
    for (const listener of this.listeners) listener(stamped);
  }

  /** Replay what happened, then follow; returns the unsubscribe function. */
  subscribe(listener: (event: E & { at: number }) => void): () => void {
    for (const event of this.events) listener(event);
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The work is over: nobody follows any more. */
  protected stopFollowing(): void {
    this.listeners.clear();
  }
}

export type SessionState = "running" | "succeeded" | "failed";

/** Work of one project that ends in `succeeded` or `failed` (a deploy, an upgrade), with its events. */
export class OutcomeSession<E extends { type: string }> extends ReplayedEvents<E> {
  readonly id = randomUUID();
  readonly startedAt = Date.now();
  state: SessionState = "running";
  finishedAt: number | null = null;

  constructor(readonly project: string) {
    super();
  }

  finish(state: Exclude<SessionState, "running">): void {
    this.state = state;
    this.finishedAt = Date.now();
    this.stopFollowing();
  }

  snapshot() {
    const { id, project, state, startedAt, finishedAt, events } = this;
    return { id, project, state, startedAt, finishedAt, events };
  }
}
