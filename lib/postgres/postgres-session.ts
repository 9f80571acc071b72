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

/** What the queries need from a connection: tests and callers may pass any pg client. */
export interface Queryable {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- mirrors pg's own default row type
  query<R extends pg.QueryResultRow = any>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>>;
}

/**
 * One pg connection shared by concurrent checks. pg deprecates issuing a query while another
 * is running on the same client, so queries wait their turn here instead; each takes a
 * millisecond on a local server.
 */
class SerialClient implements Queryable {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(readonly client: pg.Client) {}

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- see Queryable
  query<R extends pg.QueryResultRow = any>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>> {
    const run = this.tail.then(() => this.client.query<R>(text, values));
    this.tail = run.catch(() => undefined);
    return run;
  }
}

/**
 * At most one connection per database for one validation run. Checks share them (pg queues
 * queries on a client), which keeps our own footprint at two connections: on a server near
 * max_connections a probe must not be the thing that tips it over.
 */
export class PostgresSession {
  private readonly clients = new Map<string, Promise<SerialClient>>();
  private closed = false;

  constructor(readonly target: PostgresTarget) {}

  /** A connected client for `database`, opened once; rejects with a PostgresConnectError. */
  connect(database: string): Promise<Queryable> {
    let client = this.clients.get(database);
    if (!client) {
      client = this.open(database);
      this.clients.set(database, client);
    }
    return client;
  }

  private async open(database: string): Promise<SerialClient> {
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
    return new SerialClient(client);
  }

  async close(): Promise<void> {
    this.closed = true;
    const clients = [...this.clients.values()];
    this.clients.clear();
    await Promise.all(clients.map((p) => p.then((c) => c.client.end()).catch(() => undefined)));
  }
}
