/**
 * Temporal server dynamic-config keys (temporalio/temporal `common/dynamicconfig/constants.go`,
 * 1.20–1.24) with the value type the server converts them to. The file-based client looks
 * keys up case-insensitively and silently ignores keys it does not know, so a typo here
 * costs a setting that quietly never applies.
 */

export type DynamicConfigKind = "int" | "float" | "bool" | "string" | "duration" | "object";

const entries: Record<DynamicConfigKind, readonly string[]> = {
  int: [
    "frontend.rps",
    "frontend.globalRPS",
    "frontend.namespaceRPS",
    "frontend.namespaceBurst",
    "frontend.namespaceCount",
    "frontend.globalNamespaceRPS",
    "frontend.namespaceRPS.visibility",
    "frontend.namespaceBurst.visibility",
    "frontend.globalNamespaceRPS.visibility",
    "frontend.persistenceMaxQPS",
    "frontend.persistenceGlobalMaxQPS",
    "frontend.persistenceNamespaceMaxQPS",
    "frontend.visibilityMaxPageSize",
    "frontend.historyMaxPageSize",
    "frontend.throttledLogRPS",
    "frontend.maxBadBinaries",
    "frontend.searchAttributesNumberOfKeysLimit",
    "frontend.searchAttributesSizeOfValueLimit",
    "frontend.searchAttributesTotalSizeLimit",
    "frontend.MaxConcurrentBatchOperationPerNamespace",
    "frontend.MaxExecutionCountBatchOperationPerNamespace",
    "history.rps",
    "history.persistenceMaxQPS",
    "history.persistenceGlobalMaxQPS",
    "history.persistenceNamespaceMaxQPS",
    "history.cacheInitialSize",
    "history.cacheMaxSize",
    "history.eventsCacheMaxSizeBytes",
    "history.maximumBufferedEventsBatch",
    "history.maximumSignalsPerExecution",
    "history.maxInFlightUpdates",
    "history.maxTotalUpdates",
    "history.historyMaxAutoResetPoints",
    "history.timerTaskBatchSize",
    "history.transferTaskBatchSize",
    "history.visibilityTaskBatchSize",
    "matching.rps",
    "matching.persistenceMaxQPS",
    "matching.persistenceGlobalMaxQPS",
    "matching.numTaskqueueReadPartitions",
    "matching.numTaskqueueWritePartitions",
    "matching.forwarderMaxOutstandingPolls",
    "matching.forwarderMaxOutstandingTasks",
    "matching.forwarderMaxRatePerSecond",
    "matching.forwarderMaxChildrenPerNode",
    "matching.getTasksBatchSize",
    "matching.maxTaskBatchSize",
    "worker.persistenceMaxQPS",
    "worker.persistenceGlobalMaxQPS",
    "worker.perNamespaceWorkerCount",
    "worker.batcherRPS",
    "worker.batcherConcurrency",
    "limit.maxIDLength",
    "limit.blobSize.error",
    "limit.blobSize.warn",
    "limit.memoSize.error",
    "limit.memoSize.warn",
    "limit.historySize.error",
    "limit.historySize.warn",
    "limit.historySize.suggestContinueAsNew",
    "limit.historyCount.error",
    "limit.historyCount.warn",
    "limit.historyCount.suggestContinueAsNew",
    "limit.mutableStateSize.error",
    "limit.mutableStateSize.warn",
    "limit.numPendingActivities.error",
    "limit.numPendingChildExecutions.error",
    "limit.numPendingSignals.error",
    "limit.numPendingCancelRequests.error",
    "limit.workerBuildIdSize",
    "limit.versionCompatibleSetLimitPerQueue",
    "limit.versionBuildIdLimitPerQueue",
    "limit.taskQueuesPerBuildId",
    "system.visibilityPersistenceMaxReadQPS",
    "system.visibilityPersistenceMaxWriteQPS",
    "system.transactionSizeLimit",
    "system.shardRPSWarnLimit",
  ],
  float: ["system.operatorRPSRatio", "system.shardPerNsRPSWarnPercent", "worker.schedulerNamespaceStartWorkflowRPS"],
  bool: [
    "frontend.enableSchedules",
    "frontend.enableBatcher",
    "frontend.enableUpdateWorkflowExecution",
    "frontend.enableUpdateWorkflowExecutionAsyncAccepted",
    "frontend.workerVersioningDataAPIs",
    "frontend.workerVersioningWorkflowAPIs",
    "frontend.enableServerVersionCheck",
    "frontend.enableTokenNamespaceEnforcement",
    "frontend.keepAlivePermitWithoutStream",
    "history.enableParentClosePolicy",
    "worker.buildIdScavengerEnabled",
    "worker.taskQueueScannerEnabled",
    "worker.historyScannerEnabled",
    "worker.executionsScannerEnabled",
    "worker.enableBatcher",
    "worker.enableScheduler",
    "system.forceSearchAttributesCacheRefreshOnRead",
    "system.enableActivityEagerExecution",
    "system.enableEagerWorkflowStart",
    "system.disallowQuery",
    "system.enableCrossNamespaceCommands",
    "system.enableStickyQuery",
    "system.enableParentClosePolicyWorker",
    "system.enableNamespaceNotActiveAutoForwarding",
    "system.enableReadFromSecondaryVisibility",
  ],
  string: ["system.secondaryVisibilityWritingMode", "system.historyArchivalState", "system.visibilityArchivalState"],
  duration: [
    "frontend.keepAliveMinTime",
    "frontend.keepAliveMaxConnectionIdle",
    "frontend.keepAliveMaxConnectionAge",
    "frontend.keepAliveMaxConnectionAgeGrace",
    "frontend.keepAliveTime",
    "frontend.keepAliveTimeout",
    "frontend.shutdownDrainDuration",
    "history.cacheTTL",
    "history.eventsCacheTTL",
    "history.longPollExpirationInterval",
    "history.defaultWorkflowTaskTimeout",
    "history.stickyTTL",
    "history.shutdownDrainDuration",
    "history.continueAsNewMinInterval",
    "matching.longPollExpirationInterval",
    "matching.syncMatchWaitDuration",
    "matching.maxTaskQueueIdleTime",
    "matching.shutdownDrainDuration",
    "system.namespaceCacheRefreshInterval",
    "system.clusterMetadataRefreshInterval",
  ],
  object: ["history.defaultActivityRetryPolicy", "history.defaultWorkflowRetryPolicy"],
};

/** Lower-cased key → the key as Temporal spells it and its value kind. */
const DYNAMIC_CONFIG_KEYS: ReadonlyMap<string, { key: string; kind: DynamicConfigKind }> = new Map(
  (Object.entries(entries) as [DynamicConfigKind, readonly string[]][]).flatMap(([kind, keys]) =>
    keys.map((key) => [key.toLowerCase(), { key, kind }] as const),
  ),
);

export const KNOWN_DYNAMIC_CONFIG_KEYS: readonly string[] = [...DYNAMIC_CONFIG_KEYS.values()].map((entry) => entry.key);

export function dynamicConfigKey(key: string): { key: string; kind: DynamicConfigKind } | undefined {
  return DYNAMIC_CONFIG_KEYS.get(key.toLowerCase());
}

/**
 * Keys people put in dynamic config that belong elsewhere: the shard count is static config
 * (`NUM_HISTORY_SHARDS`), and the guide's `limit.maxActivityConcurrentExecutions` does not
 * exist in the server (worker concurrency is an SDK worker option).
 */
export const MISPLACED_DYNAMIC_CONFIG_KEYS: ReadonlyMap<string, "history-shards" | "worker-concurrency"> = new Map([
  ["persistence.numhistoryshards", "history-shards"],
  ["numhistoryshards", "history-shards"],
  ["history.numhistoryshards", "history-shards"],
  ["limit.maxactivityconcurrentexecutions", "worker-concurrency"],
]);

/** Constraint names the file-based client understands (it compares them case-insensitively). */
export const DYNAMIC_CONFIG_CONSTRAINTS: readonly string[] = [
  "namespace",
  "namespaceID",
  "taskQueueName",
  "taskType",
  "shardID",
];

/** Go duration (`10s`, `1h30m`), Temporal's day suffix (`3d`) or a bare number of seconds. */
const DURATION_PATTERN = /^(?:\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h|d))+$|^\d+(?:\.\d+)?$/;

/** Whether `value` converts to `kind` in the server's dynamic-config client. */
export function dynamicConfigValueMatches(kind: DynamicConfigKind, value: unknown): boolean {
  switch (kind) {
    case "int":
      return typeof value === "number" && Number.isInteger(value);
    case "float":
      return typeof value === "number" && Number.isFinite(value);
    case "bool":
      return typeof value === "boolean";
    case "string":
      return typeof value === "string";
    case "duration":
      return (typeof value === "number" && value >= 0) || (typeof value === "string" && DURATION_PATTERN.test(value));
    case "object":
      return value !== null && typeof value === "object" && !Array.isArray(value);
  }
}

export const DYNAMIC_CONFIG_KIND_DESCRIPTIONS: Readonly<Record<DynamicConfigKind, string>> = {
  int: "a whole number",
  float: "a number",
  bool: "true or false",
  string: "text",
  duration: "a duration such as 10s or 5m",
  object: "a mapping of fields",
};
