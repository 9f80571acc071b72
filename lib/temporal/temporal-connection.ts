import { Connection } from "@temporalio/client";

/**
 * A probe connection to a Temporal frontend. No retry interceptors: the client's default
 * retries a down server for a long time, and a probe must answer within its own deadline.
 */
export async function connectTemporal(address: string, timeoutMs: number): Promise<Connection> {
  return Connection.connect({ address, connectTimeout: timeoutMs, interceptors: [] });
}

/**
 * A connection that dials on first use and never retries: for a run of several probes that
 * each carry their own deadline (`withTimeout`). Unlike `connectTemporal` it makes no call
 * of its own, so a NOT_SERVING frontend is reported by the health probe, not as a failed connect.
 */
export function openTemporalConnection(address: string): Connection {
  return Connection.lazy({ address, interceptors: [] });
}

/** Run one call under a deadline of `timeoutMs` from now. */
export function withTimeout<T>(connection: Connection, timeoutMs: number, call: () => Promise<T>): Promise<T> {
  return connection.withDeadline(Date.now() + timeoutMs, call);
}

export const WORKFLOW_SERVICE = "temporal.api.workflowservice.v1.WorkflowService";

/** grpc.health.v1 status values. */
export const HEALTH_STATUS = { 0: "UNKNOWN", 1: "SERVING", 2: "NOT_SERVING", 3: "SERVICE_UNKNOWN" } as const;

/**
 * Health of the WorkflowService (not the empty service name, which reports SERVING as soon as
 * the gRPC server is up, before the frontend is ready).
 */
export async function checkWorkflowServiceHealth(connection: Connection, timeoutMs: number): Promise<string> {
  const response = await connection.withDeadline(Date.now() + timeoutMs, () =>
    connection.healthService.check({ service: WORKFLOW_SERVICE }),
  );
  return HEALTH_STATUS[(response.status ?? 0) as keyof typeof HEALTH_STATUS] ?? "UNKNOWN";
}

/** Whether a gRPC listener is a Temporal frontend: it knows Temporal's WorkflowService. */
export async function isTemporalFrontend(address: string, timeoutMs: number): Promise<boolean> {
  let connection: Connection | null = null;
  try {
    connection = Connection.lazy({ address, interceptors: [] });
    await checkWorkflowServiceHealth(connection, timeoutMs);
    return true;
  } catch {
    return false;
  } finally {
    await connection?.close().catch(() => undefined);
  }
}
