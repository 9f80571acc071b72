import type { Queryable } from "./postgres-session";

/**
 * What the server-wide checks need, in one round trip: version, connection slots, which of
 * Temporal's databases exist and who is connected to them. One query instead of four keeps
 * the checks that wait on them short.
 */
export interface ServerOverview {
  /** `server_version` as the server reports it, e.g. "15.18 (Debian 15.18-0+deb12u1)". */
  rawVersion: string;
  /** The leading version number: "15.18". */
  version: string;
  /** Client backends: what counts against max_connections (background workers do not). */
  connectionsInUse: number;
  maxConnections: number;
  /** Slots only superusers may take (`superuser_reserved_connections`). */
  reservedConnections: number;
  /** Which of the asked-for databases exist. */
  databases: string[];
  /** Client connections per asked-for database that are not ours (not our application_name). */
  foreignConnections: Record<string, number>;
}

const OVERVIEW_QUERY = `
SELECT current_setting('server_version') AS server_version,
       current_setting('max_connections')::int AS max_connections,
       current_setting('superuser_reserved_connections')::int AS reserved,
       (SELECT count(*)::int FROM pg_catalog.pg_stat_activity WHERE backend_type = 'client backend') AS in_use,
       ARRAY(SELECT datname::text FROM pg_catalog.pg_database WHERE datname = ANY ($1::text[])) AS databases,
       (SELECT coalesce(json_object_agg(datname, n), '{}'::json)
          FROM (SELECT datname, count(*)::int AS n
                  FROM pg_catalog.pg_stat_activity
                 WHERE backend_type = 'client backend'
                   AND datname = ANY ($1::text[])
                   AND pid <> pg_backend_pid()
                   AND application_name IS DISTINCT FROM $2
                 GROUP BY datname) AS per_database) AS foreign_connections`;

export async function readServerOverview(
  client: Queryable,
  databases: readonly string[],
  ownApplicationName: string,
): Promise<ServerOverview> {
  const result = await client.query<{
    server_version: string;
    max_connections: number;
    reserved: number;
    in_use: number;
    databases: string[];
    foreign_connections: Record<string, number>;
  }>(OVERVIEW_QUERY, [[...databases], ownApplicationName]);
  const row = result.rows[0];
  if (!row) throw new Error("PostgreSQL returned no row for the server overview");
  const rawVersion = String(row.server_version);
  return {
    rawVersion,
    version: /^\d+(\.\d+)?/.exec(rawVersion)?.[0] ?? rawVersion,
    connectionsInUse: Number(row.in_use),
    maxConnections: Number(row.max_connections),
    reservedConnections: Number(row.reserved),
    databases: row.databases ?? [],
    foreignConnections: Object.fromEntries(
      databases.map((name) => [name, Number(row.foreign_connections?.[name] ?? 0)]),
    ),
  };
}

/** Whether Temporal's `namespaces` table holds a row for `name`. */
export async function namespaceRowExists(client: Queryable, name: string): Promise<boolean> {
  const result = await client.query("SELECT name FROM namespaces WHERE name = $1", [name]);
  return (result.rowCount ?? 0) > 0;
}

/** Temporal stores UUIDs as 16 raw bytes. */
export function uuidBytes(uuid: string): Buffer {
  return Buffer.from(uuid.replace(/-/g, ""), "hex");
}

/** The `current_executions` row of a run, as Temporal wrote it; null when absent. */
export async function readCurrentExecution(
  client: Queryable,
  workflowId: string,
  runId: string,
): Promise<{ state: number; status: number } | null> {
  const result = await client.query<{ state: number; status: number }>(
    "SELECT state, status FROM current_executions WHERE workflow_id = $1 AND run_id = $2",
    [workflowId, uuidBytes(runId)],
  );
  const row = result.rows[0];
  return row ? { state: Number(row.state), status: Number(row.status) } : null;
}
