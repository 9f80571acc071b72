import type { Connection } from "@temporalio/client";
import { openTemporalConnection } from "./temporal-connection";

/** How long an unused probe connection stays open for the next run. */
export const DEFAULT_IDLE_MS = 30_000;

/**
 * One probe connection shared by validation runs that follow each other (the dashboard's
 * health page, a monitoring loop): a gRPC channel multiplexes calls and reconnects by itself
 * after a server restart, so reusing it answers the same questions without paying the
 * connect and client set-up on every run. Closed after `idleMs` without users; the timer does
 * not keep the process alive.
 */
export class ReusableTemporalConnection {
  private current: { address: string; connection: Connection } | null = null;
  private users = 0;
  private idle: NodeJS.Timeout | null = null;
  /** Connections handed out for another address while the shared one was busy: closed on release. */
  private readonly own = new WeakSet<Connection>();

  constructor(private readonly idleMs = DEFAULT_IDLE_MS) {}

  acquire(address: string): Connection {
    if (this.idle) {
      clearTimeout(this.idle);
      this.idle = null;
    }
    if (this.current && this.current.address !== address && this.users === 0) {
      void this.current.connection.close().catch(() => undefined);
      this.current = null;
    }
    this.users++;
    if (this.current?.address === address) return this.current.connection;
    const connection = openTemporalConnection(address);
    // Another address while the shared one is in use: this run gets a connection of its own.
    if (this.current) {
      this.own.add(connection);
      return connection;
    }
    this.current = { address, connection };
    return connection;
  }

  release(connection: Connection): void {
    this.users = Math.max(0, this.users - 1);
    if (this.own.has(connection)) {
      void connection.close().catch(() => undefined);
      return;
    }
    if (this.users === 0 && this.current) {
      this.idle = setTimeout(() => void this.close(), this.idleMs);
      this.idle.unref();
    }
  }

  async close(): Promise<void> {
    if (this.idle) clearTimeout(this.idle);
    this.idle = null;
    const current = this.current;
    this.current = null;
    await current?.connection.close().catch(() => undefined);
  }
}
