import type pg from "pg";

/** `SHOW server_version`: "15.18 (Debian 15.18-0+deb12u1)" → "15.18". */
export async function readServerVersion(client: pg.Client): Promise<{ raw: string; version: string }> {
  const result = await client.query<{ server_version: string }>("SHOW server_version");
  const raw = String(result.rows[0]?.server_version ?? "");
  return { raw, version: /^\d+(\.\d+)?/.exec(raw)?.[0] ?? raw };
}

/** Which of `names` exist as databases. */
export async function findDatabases(client: pg.Client, names: readonly string[]): Promise<string[]> {
  const result = await client.query<{ datname: string }>("SELECT datname FROM pg_catalog.pg_database WHERE datname = ANY ($1::text[])", [[...names]]);
  return result.rows.map((row) => row.datname);
}

export interface ConnectionUsage {
  /** Client backends: what counts against max_connections (background workers do not). */
  inUse: number;
  max: number;
  /** Slots only superusers may take (`superuser_reserved_connections`). */
  reserved: number;
}

export async function readConnectionUsage(client: pg.Client): Promise<ConnectionUsage> {
  const result = await client.query<{ in_use: number; max: number; reserved: number }>(
    `SELECT count(*) FILTER (WHERE backend_type = 'client backend')::int AS in_use,
            current_setting('max_connections')::int AS max,
            current_setting('superuser_reserved_connections')::int AS reserved
       FROM pg_catalog.pg_stat_activity`,
  );
  const row = result.rows[0];
  return { inUse: Number(row?.in_use ?? 0), max: Number(row?.max ?? 0), reserved: Number(row?.reserved ?? 0) };
}

/**
 * Client connections to each of `databases` that are not ours (our `application_name`),
 * i.e. held by Temporal's pools (or anything else that uses the stack's databases).
 */
export async function countForeignConnections(client: pg.Client, databases: readonly string[], ownApplicationName: string): Promise<Record<string, number>> {
  const result = await client.query<{ datname: string; n: number }>(
    `SELECT datname, count(*)::int AS n
       FROM pg_catalog.pg_stat_activity
      WHERE backend_type = 'client backend'
        AND datname = ANY ($1::text[])
        AND pid <> pg_backend_pid()
        AND application_name IS DISTINCT FROM $2
      GROUP BY datname`,
    [[...databases], ownApplicationName],
  );
  const counts: Record<string, number> = Object.fromEntries(databases.map((name) => [name, 0]));
  for (const row of result.rows) counts[row.datname] = Number(row.n);
  return counts;
}

/** Whether Temporal's `namespaces` table holds a row for `name`. */
export async function namespaceRowExists(client: pg.Client, name: string): Promise<boolean> {
  const result = await client.query("SELECT name FROM namespaces WHERE name = $1", [name]);
  return (result.rowCount ?? 0) > 0;
}

/** Temporal stores UUIDs as 16 raw bytes. */
export function uuidBytes(uuid: string): Buffer {
  return Buffer.from(uuid.replace(/-/g, ""), "hex");
}

/** The `current_executions` row of a run, as Temporal wrote it; null when absent. */
export async function readCurrentExecution(
  client: pg.Client,
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
