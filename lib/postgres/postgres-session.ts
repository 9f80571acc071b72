import pg from "pg";
import { describePostgresError, PostgresConnectError } from "./postgres-errors";

export interface PostgresTarget {
  host: string;
  port: number;
  user: string;
  password: string;
  /** Shows in pg_stat_activity; lets checks tell our own connections from Temporal's. */
  applicationName: string;
  connectTimeoutMs: number;
  /** Server-side cap on each statement, so a stuck query cannot outlive its check. */
  statementTimeoutMs: number;
}

/**
 * At most one connection per database for one validation run. Checks share them (pg queues
 * queries on a client), which keeps our own footprint at two connections: on a server near
 * max_connections a probe must not be the thing that tips it over.
 */
export class PostgresSession {
  private readonly clients = new Map<string, Promise<pg.Client>>();
  private closed = false;

  constructor(readonly target: PostgresTarget) {}

  /** A connected client for `database`, opened once; rejects with a PostgresConnectError. */
  connect(database: string): Promise<pg.Client> {
    let client = this.clients.get(database);
    if (!client) {
      client = this.open(database);
      this.clients.set(database, client);
    }
    return client;
  }

  private async open(database: string): Promise<pg.Client> {
    if (this.closed) throw new Error("PostgreSQL session already closed");
    const { host, port, user, password, applicationName, connectTimeoutMs, statementTimeoutMs } = this.target;
    const client = new pg.Client({
      host,
      port,
      user,
      password,
      database,
      application_name: applicationName,
      connectionTimeoutMillis: connectTimeoutMs,
      statement_timeout: statementTimeoutMs,
      query_timeout: statementTimeoutMs + 500,
      ssl: false,
    });
    // A server restart while we hold the client must not crash the process.
    client.on("error", () => undefined);
    try {
      await client.connect();
    } catch (error) {
      await client.end().catch(() => undefined);
      throw new PostgresConnectError(describePostgresError(error, { host, port, user }), database);
    }
    if (this.closed) {
      await client.end().catch(() => undefined);
      throw new Error("PostgreSQL session already closed");
    }
    return client;
  }

  async close(): Promise<void> {
    this.closed = true;
    const clients = [...this.clients.values()];
    this.clients.clear();
    await Promise.all(clients.map((p) => p.then((c) => c.end()).catch(() => undefined)));
  }
}
