/**
 * Stable ids of the validation checks. The dashboard, the history and the diagnosis
 * knowledge base refer to checks by these; renaming one is a breaking change.
 */
export const CHECK_IDS = {
  postgresPort: "postgres.port",
  postgresAuth: "postgres.auth",
  postgresVersion: "postgres.version",
  postgresDatabases: "postgres.databases",
  postgresSchemaMain: "postgres.schema.main",
  postgresSchemaVisibility: "postgres.schema.visibility",
  postgresTables: "postgres.tables",
  postgresConnections: "postgres.connections",
  temporalPort: "temporal.port",
  temporalHealth: "temporal.health",
  temporalVersion: "temporal.version",
  temporalPersistence: "temporal.persistence",
  temporalNamespace: "temporal.namespace",
  temporalWorkflowProbe: "temporal.workflow-probe",
  uiPort: "ui.port",
  uiHealthz: "ui.healthz",
  uiClusterInfo: "ui.cluster-info",
  integrationConnections: "integration.temporal-connections",
  integrationNamespace: "integration.namespace-registered",
  integrationPersistence: "integration.persistence",
  redisPort: "redis.port",
  redisPing: "redis.ping",
} as const;

/** `container.<service>`: one per service of the stack, e.g. `container.temporal`. */
export function containerCheckId(service: string): string {
  return `container.${service}`;
}

/**
 * Anchors of the troubleshooting entries (lib/diagnose knowledge base ids) that checks link
 * to as their remedy.
 */
export const REMEDIES = {
  postgresConnectionRefused: "#postgres-connection-refused",
  postgresPasswordFailed: "#postgres-password-failed",
  postgresTlsRequired: "#postgres-tls-required",
  tooManyConnections: "#too-many-connections",
  schemaMissing: "#schema-missing",
  schemaVersionBehind: "#schema-version-behind",
  postgresWaitLoop: "#postgres-wait-loop",
  unsupportedDbPlugin: "#unsupported-db-plugin",
  frontendNotReady: "#frontend-not-ready",
  namespaceNotFound: "#namespace-not-found",
  uiNotAccessible: "#temporal-ui-not-accessible",
  temporalFailsToStart: "#temporal-fails-to-start",
  insufficientMemory: "#insufficient-memory",
  portAlreadyInUse: "#port-already-in-use",
} as const;
