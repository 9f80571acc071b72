/**
 * PostgreSQL 15 server settings that `services.postgres.custom_config` may set, with the
 * value syntax PostgreSQL accepts for each (runtime-config chapter of the PostgreSQL 15
 * manual, `pg_settings.unit/min_val/max_val/enumvals`). PostgreSQL refuses to start on an
 * unknown setting or a malformed value, so catching these here saves a crash-looping container.
 * Bounds are in the setting's base unit, as pg_settings reports them.
 */

export type MemoryBaseUnit = "B" | "kB" | "8kB" | "MB";
export type TimeBaseUnit = "us" | "ms" | "s" | "min";

export type PostgresSettingSpec =
  | { kind: "memory"; baseUnit: MemoryBaseUnit; min?: number; max?: number }
  | { kind: "time"; baseUnit: TimeBaseUnit; min?: number; max?: number }
  | { kind: "integer"; min?: number; max?: number }
  | { kind: "real"; min?: number; max?: number }
  | { kind: "bool" }
  /** `booleanAliases`: PostgreSQL also takes on/off/true/false/… for this enum. */
  | { kind: "enum"; values: readonly string[]; booleanAliases?: boolean }
  | { kind: "string" };

const INT_MAX = 2147483647;

const memory = (baseUnit: MemoryBaseUnit, min?: number, max?: number): PostgresSettingSpec => ({
  kind: "memory",
  baseUnit,
  min,
  max,
});
const time = (baseUnit: TimeBaseUnit, min?: number, max?: number): PostgresSettingSpec => ({
  kind: "time",
  baseUnit,
  min,
  max,
});
const integer = (min?: number, max?: number): PostgresSettingSpec => ({ kind: "integer", min, max });
const real = (min?: number, max?: number): PostgresSettingSpec => ({ kind: "real", min, max });
const bool: PostgresSettingSpec = { kind: "bool" };
const oneOf = (values: readonly string[], booleanAliases = false): PostgresSettingSpec => ({
  kind: "enum",
  values,
  booleanAliases,
});
const text: PostgresSettingSpec = { kind: "string" };

const MESSAGE_LEVELS = [
  "debug5",
  "debug4",
  "debug3",
  "debug2",
  "debug1",
  "info",
  "notice",
  "warning",
  "error",
  "log",
  "fatal",
  "panic",
];

/** Keyed by the lower-case name: PostgreSQL setting names are case-insensitive. */
export const POSTGRES_SETTINGS: Readonly<Record<string, PostgresSettingSpec>> = {
  // Connections and authentication
  max_connections: integer(1, 262143),
  superuser_reserved_connections: integer(0, 262143),
  authentication_timeout: time("s", 1, 600),
  password_encryption: oneOf(["md5", "scram-sha-256"]),
  ssl: bool,
  ssl_min_protocol_version: oneOf(["TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3"]),
  tcp_keepalives_idle: time("s", 0, INT_MAX),
  tcp_keepalives_interval: time("s", 0, INT_MAX),
  tcp_keepalives_count: integer(0, INT_MAX),
  tcp_user_timeout: time("ms", 0, INT_MAX),
  client_connection_check_interval: time("ms", 0, INT_MAX),

  // Resource usage: memory
  shared_buffers: memory("8kB", 16, 1073741823),
  huge_pages: oneOf(["on", "off", "try"], true),
  huge_page_size: memory("kB", 0, INT_MAX),
  temp_buffers: memory("8kB", 100, 1073741823),
  max_prepared_transactions: integer(0, 262143),
  work_mem: memory("kB", 64, INT_MAX),
  hash_mem_multiplier: real(1, 1000),
  maintenance_work_mem: memory("kB", 1024, INT_MAX),
  autovacuum_work_mem: memory("kB", -1, INT_MAX),
  logical_decoding_work_mem: memory("kB", 64, INT_MAX),
  max_stack_depth: memory("kB", 100, INT_MAX),
  shared_memory_type: oneOf(["mmap", "sysv"]),
  dynamic_shared_memory_type: oneOf(["posix", "sysv", "mmap"]),
  temp_file_limit: memory("kB", -1, INT_MAX),
  max_files_per_process: integer(64, INT_MAX),

  // Resource usage: cost-based vacuum delay, background writer, asynchronous behaviour
  vacuum_cost_delay: time("ms", 0, 100),
  vacuum_cost_page_hit: integer(0, 10000),
  vacuum_cost_page_miss: integer(0, 10000),
  vacuum_cost_page_dirty: integer(0, 10000),
  vacuum_cost_limit: integer(1, 10000),
  bgwriter_delay: time("ms", 10, 10000),
  bgwriter_lru_maxpages: integer(0, 1073741823),
  bgwriter_lru_multiplier: real(0, 10),
  bgwriter_flush_after: memory("8kB", 0, 256),
  backend_flush_after: memory("8kB", 0, 256),
  effective_io_concurrency: integer(0, 1000),
  maintenance_io_concurrency: integer(0, 1000),
  max_worker_processes: integer(0, 262143),
  max_parallel_workers_per_gather: integer(0, 1024),
  max_parallel_maintenance_workers: integer(0, 1024),
  max_parallel_workers: integer(0, 1024),
  parallel_leader_participation: bool,

  // Write-ahead log
  wal_level: oneOf(["minimal", "replica", "logical"]),
  fsync: bool,
  synchronous_commit: oneOf(["local", "remote_write", "remote_apply", "on", "off"], true),
  wal_sync_method: oneOf(["fsync", "fdatasync", "open_sync", "open_datasync", "fsync_writethrough"]),
  full_page_writes: bool,
  wal_log_hints: bool,
  wal_compression: oneOf(["pglz", "lz4", "zstd", "on", "off"], true),
  wal_init_zero: bool,
  wal_recycle: bool,
  wal_buffers: memory("8kB", -1, 262143),
  wal_writer_delay: time("ms", 1, 10000),
  wal_writer_flush_after: memory("8kB", 0, INT_MAX),
  wal_skip_threshold: memory("kB", 0, INT_MAX),
  commit_delay: integer(0, 100000),
  commit_siblings: integer(0, 1000),
  checkpoint_timeout: time("s", 30, 86400),
  checkpoint_completion_target: real(0, 1),
  checkpoint_flush_after: memory("8kB", 0, 256),
  checkpoint_warning: time("s", 0, INT_MAX),
  max_wal_size: memory("MB", 2, INT_MAX),
  min_wal_size: memory("MB", 2, INT_MAX),
  archive_mode: oneOf(["always", "on", "off"], true),
  archive_command: text,
  archive_timeout: time("s", 0, 1073741823),
  restore_command: text,
  recovery_prefetch: oneOf(["off", "on", "try"], true),
  wal_decode_buffer_size: memory("B", 65536, 1073741823),

  // Replication
  max_wal_senders: integer(0, 262143),
  max_replication_slots: integer(0, 262143),
  wal_keep_size: memory("MB", 0, INT_MAX),
  max_slot_wal_keep_size: memory("MB", -1, INT_MAX),
  wal_sender_timeout: time("ms", 0, INT_MAX),
  track_commit_timestamp: bool,
  synchronous_standby_names: text,
  primary_conninfo: text,
  hot_standby: bool,
  hot_standby_feedback: bool,
  max_standby_archive_delay: time("ms", -1, INT_MAX),
  max_standby_streaming_delay: time("ms", -1, INT_MAX),
  wal_receiver_status_interval: time("s", 0, 2147483),
  wal_receiver_timeout: time("ms", 0, INT_MAX),
  wal_retrieve_retry_interval: time("ms", 1, INT_MAX),
  max_logical_replication_workers: integer(0, 262143),
  max_sync_workers_per_subscription: integer(0, 262143),

  // Query planning
  enable_async_append: bool,
  enable_bitmapscan: bool,
  enable_gathermerge: bool,
  enable_hashagg: bool,
  enable_hashjoin: bool,
  enable_incremental_sort: bool,
  enable_indexscan: bool,
  enable_indexonlyscan: bool,
  enable_material: bool,
  enable_memoize: bool,
  enable_mergejoin: bool,
  enable_nestloop: bool,
  enable_parallel_append: bool,
  enable_parallel_hash: bool,
  enable_partition_pruning: bool,
  enable_partitionwise_join: bool,
  enable_partitionwise_aggregate: bool,
  enable_seqscan: bool,
  enable_sort: bool,
  enable_tidscan: bool,
  seq_page_cost: real(0, Number.MAX_VALUE),
  random_page_cost: real(0, Number.MAX_VALUE),
  cpu_tuple_cost: real(0, Number.MAX_VALUE),
  cpu_index_tuple_cost: real(0, Number.MAX_VALUE),
  cpu_operator_cost: real(0, Number.MAX_VALUE),
  parallel_setup_cost: real(0, Number.MAX_VALUE),
  parallel_tuple_cost: real(0, Number.MAX_VALUE),
  min_parallel_table_scan_size: memory("8kB", 0, 715827882),
  min_parallel_index_scan_size: memory("8kB", 0, 715827882),
  effective_cache_size: memory("8kB", 1, INT_MAX),
  jit: bool,
  jit_above_cost: real(-1, Number.MAX_VALUE),
  jit_inline_above_cost: real(-1, Number.MAX_VALUE),
  jit_optimize_above_cost: real(-1, Number.MAX_VALUE),
  default_statistics_target: integer(1, 10000),
  constraint_exclusion: oneOf(["partition", "on", "off"], true),
  cursor_tuple_fraction: real(0, 1),
  from_collapse_limit: integer(1, INT_MAX),
  join_collapse_limit: integer(1, INT_MAX),
  plan_cache_mode: oneOf(["auto", "force_generic_plan", "force_custom_plan"]),
  force_parallel_mode: oneOf(["off", "on", "regress"], true),
  geqo: bool,
  geqo_threshold: integer(2, INT_MAX),

  // Reporting and logging
  log_destination: text,
  logging_collector: bool,
  log_directory: text,
  log_filename: text,
  log_rotation_age: time("min", 0, 35791394),
  log_rotation_size: memory("kB", 0, 2097151),
  log_truncate_on_rotation: bool,
  log_min_messages: oneOf(MESSAGE_LEVELS),
  log_min_error_statement: oneOf(MESSAGE_LEVELS),
  client_min_messages: oneOf(["debug5", "debug4", "debug3", "debug2", "debug1", "log", "notice", "warning", "error"]),
  log_min_duration_statement: time("ms", -1, INT_MAX),
  log_min_duration_sample: time("ms", -1, INT_MAX),
  log_statement_sample_rate: real(0, 1),
  log_transaction_sample_rate: real(0, 1),
  log_startup_progress_interval: time("ms", 0, INT_MAX),
  log_autovacuum_min_duration: time("ms", -1, INT_MAX),
  log_checkpoints: bool,
  log_connections: bool,
  log_disconnections: bool,
  log_duration: bool,
  log_error_verbosity: oneOf(["terse", "default", "verbose"]),
  log_hostname: bool,
  log_line_prefix: text,
  log_lock_waits: bool,
  log_recovery_conflict_waits: bool,
  log_parameter_max_length: memory("B", -1, 1073741823),
  log_parameter_max_length_on_error: memory("B", -1, 1073741823),
  log_statement: oneOf(["none", "ddl", "mod", "all"]),
  log_replication_commands: bool,
  log_temp_files: memory("kB", -1, INT_MAX),
  log_timezone: text,
  cluster_name: text,
  update_process_title: bool,

  // Statistics
  track_activities: bool,
  track_activity_query_size: memory("B", 100, 1048576),
  track_counts: bool,
  track_io_timing: bool,
  track_wal_io_timing: bool,
  track_functions: oneOf(["none", "pl", "all"]),
  stats_fetch_consistency: oneOf(["none", "cache", "snapshot"]),
  compute_query_id: oneOf(["auto", "regress", "on", "off"], true),

  // Autovacuum
  autovacuum: bool,
  autovacuum_max_workers: integer(1, 262143),
  autovacuum_naptime: time("s", 1, 2147483),
  autovacuum_vacuum_threshold: integer(0, INT_MAX),
  autovacuum_vacuum_insert_threshold: integer(-1, INT_MAX),
  autovacuum_analyze_threshold: integer(0, INT_MAX),
  autovacuum_vacuum_scale_factor: real(0, 100),
  autovacuum_vacuum_insert_scale_factor: real(0, 100),
  autovacuum_analyze_scale_factor: real(0, 100),
  autovacuum_freeze_max_age: integer(100000, 2000000000),
  autovacuum_multixact_freeze_max_age: integer(10000, 2000000000),
  autovacuum_vacuum_cost_delay: time("ms", -1, 100),
  autovacuum_vacuum_cost_limit: integer(-1, 10000),

  // Client connection defaults
  search_path: text,
  row_security: bool,
  default_tablespace: text,
  temp_tablespaces: text,
  default_toast_compression: oneOf(["pglz", "lz4"]),
  check_function_bodies: bool,
  default_transaction_isolation: oneOf(["serializable", "repeatable read", "read committed", "read uncommitted"]),
  default_transaction_read_only: bool,
  default_transaction_deferrable: bool,
  session_replication_role: oneOf(["origin", "replica", "local"]),
  statement_timeout: time("ms", 0, INT_MAX),
  lock_timeout: time("ms", 0, INT_MAX),
  idle_in_transaction_session_timeout: time("ms", 0, INT_MAX),
  idle_session_timeout: time("ms", 0, INT_MAX),
  vacuum_freeze_table_age: integer(0, 2000000000),
  vacuum_freeze_min_age: integer(0, 1000000000),
  vacuum_failsafe_age: integer(0, 2100000000),
  vacuum_multixact_freeze_table_age: integer(0, 2000000000),
  vacuum_multixact_freeze_min_age: integer(0, 1000000000),
  vacuum_multixact_failsafe_age: integer(0, 2100000000),
  bytea_output: oneOf(["hex", "escape"]),
  xmlbinary: oneOf(["base64", "hex"]),
  xmloption: oneOf(["content", "document"]),
  gin_pending_list_limit: memory("kB", 64, INT_MAX),
  datestyle: text,
  intervalstyle: oneOf(["postgres", "postgres_verbose", "sql_standard", "iso_8601"]),
  timezone: text,
  extra_float_digits: integer(-15, 3),
  client_encoding: text,
  lc_messages: text,
  lc_monetary: text,
  lc_numeric: text,
  lc_time: text,
  default_text_search_config: text,
  shared_preload_libraries: text,
  session_preload_libraries: text,
  local_preload_libraries: text,
  jit_provider: text,
  application_name: text,

  // Lock management
  deadlock_timeout: time("ms", 1, INT_MAX),
  max_locks_per_transaction: integer(10, INT_MAX),
  max_pred_locks_per_transaction: integer(10, INT_MAX),

  // Version and platform compatibility, error handling
  standard_conforming_strings: bool,
  array_nulls: bool,
  quote_all_identifiers: bool,
  transform_null_equals: bool,
  exit_on_error: bool,
  restart_after_crash: bool,
  data_sync_retry: bool,
  old_snapshot_threshold: time("min", -1, 86400),
};

/**
 * Settings the container layout decides, with the reason a user may not override them:
 * the healthcheck, port mapping and data volume all assume PostgreSQL's defaults inside the container.
 */
export const CONTAINER_OWNED_POSTGRES_SETTINGS: Readonly<Record<string, string>> = {
  port: "the container must listen on 5432; the host port is services.postgres.port",
  listen_addresses:
    "the container must listen on all its interfaces so Temporal can " +
    "reach it; bind_address limits who can reach the published port",
  data_directory: "the data lives in the deployment's volume at the image's default path",
  hba_file: "client authentication is configured by the postgres image from the generated password",
  ident_file: "client authentication is configured by the postgres image",
  config_file: "the settings are passed as -c flags; custom_config is the place for them",
  unix_socket_directories: "the container's healthcheck (pg_isready) uses the default socket directory",
};

export function postgresSettingSpec(name: string): PostgresSettingSpec | undefined {
  const key = name.toLowerCase();
  return Object.hasOwn(POSTGRES_SETTINGS, key) ? POSTGRES_SETTINGS[key] : undefined;
}

/** How a custom_config value is written on PostgreSQL's command line: booleans as on/off. */
export function formatPostgresSettingValue(value: string | number | boolean): string {
  if (typeof value === "boolean") return value ? "on" : "off";
  return String(value);
}

/**
 * The server arguments for the postgres container: `["-c", "max_connections=100", "-c",
 * "shared_buffers=256MB", …]`. Sorted by name so the same config always yields the same
 * arguments (the compose config hash must not change when only key order does).
 * `max_connections` comes from services.postgres.max_connections, never from custom_config.
 */
export function formatPostgresSettingArgs(
  customConfig: Readonly<Record<string, string | number | boolean>>,
  maxConnections: number,
): string[] {
  const settings = new Map<string, string>([["max_connections", String(maxConnections)]]);
  for (const [name, value] of Object.entries(customConfig)) {
    if (name.toLowerCase() === "max_connections") continue;
    settings.set(name, formatPostgresSettingValue(value));
  }
  const names = [...settings.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return names.flatMap((name) => ["-c", `${name}=${settings.get(name) ?? ""}`]);
}
