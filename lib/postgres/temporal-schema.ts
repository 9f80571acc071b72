import type { Queryable } from "./postgres-session";

/**
 * Tables Temporal cannot run without (facts §3). A required subset, not the exact set: the
 * versioned setup path leaves extra tables behind (the legacy `cluster_metadata`), and later
 * schema versions add more.
 */
export const REQUIRED_MAIN_TABLES = [
  "schema_version",
  "namespaces",
  "namespace_metadata",
  "executions",
  "current_executions",
  "history_node",
  "history_tree",
  "shards",
  "task_queues",
  "tasks",
  "cluster_metadata_info",
  "cluster_membership",
  "queue",
  "queue_metadata",
] as const;

export const REQUIRED_VISIBILITY_TABLES = ["schema_version", "executions_visibility"] as const;

export type SchemaVersionReading = { found: true; version: string } | { found: false; reason: "no-table" | "no-row" };

/** The query Temporal's own startup check runs (common/persistence/sql/version_checker.go). */
export const SCHEMA_VERSION_QUERY = "SELECT curr_version FROM schema_version WHERE version_partition=0 AND db_name=$1";

/** `schema_version.curr_version` for `database`, read from a client connected to it. */
export async function readSchemaVersion(client: Queryable, database: string): Promise<SchemaVersionReading> {
  try {
    const result = await client.query<{ curr_version: string }>(SCHEMA_VERSION_QUERY, [database]);
    const row = result.rows[0];
    return row ? { found: true, version: String(row.curr_version) } : { found: false, reason: "no-row" };
  } catch (error) {
    if ((error as { code?: string }).code === "42P01") return { found: false, reason: "no-table" };
    throw error;
  }
}

/** Which of `tables` are missing from the schemas on the client's search path. */
export async function findMissingTables(client: Queryable, tables: readonly string[]): Promise<string[]> {
  const result = await client.query<{ tablename: string }>(
    "SELECT tablename FROM pg_catalog.pg_tables WHERE schemaname = " +
      "ANY (current_schemas(false)) AND tablename = ANY ($1::text[])",
    [[...tables]],
  );
  const present = new Set(result.rows.map((row) => row.tablename));
  return tables.filter((table) => !present.has(table));
}
