import type { Connection } from "@temporalio/client";
import { withTimeout } from "./temporal-connection";

export interface SystemInfo {
  serverVersion: string;
}

export interface ClusterInfo {
  serverVersion: string;
  clusterName: string;
  clusterId: string;
  /** The SQL plugin name (`postgres`, `postgres12`, …) or `cassandra`. */
  persistenceStore: string;
  visibilityStore: string;
  historyShardCount: number;
}

/** WorkflowService.GetSystemInfo: the server's own version. */
export async function readSystemInfo(connection: Connection, timeoutMs: number): Promise<SystemInfo> {
  const response = await withTimeout(connection, timeoutMs, () => connection.workflowService.getSystemInfo({}));
  return { serverVersion: response.serverVersion ?? "" };
}

/** WorkflowService.GetClusterInfo: which stores the server persists to. */
export async function readClusterInfo(connection: Connection, timeoutMs: number): Promise<ClusterInfo> {
  const response = await withTimeout(connection, timeoutMs, () => connection.workflowService.getClusterInfo({}));
  return {
    serverVersion: response.serverVersion ?? "",
    clusterName: response.clusterName ?? "",
    clusterId: response.clusterId ?? "",
    persistenceStore: response.persistenceStore ?? "",
    visibilityStore: response.visibilityStore ?? "",
    historyShardCount: Number(response.historyShardCount ?? 0),
  };
}
