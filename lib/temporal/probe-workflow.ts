import { randomUUID } from "node:crypto";
import type { Connection } from "@temporalio/client";
import { describeGrpcError, GrpcStatus } from "./grpc-errors";
import { durationFromSeconds } from "./proto-duration";
import { withTimeout } from "./temporal-connection";

/**
 * The one record a validation leaves behind: a workflow run with an unmistakable id, started
 * and terminated at once. No worker ever polls its task queue, so it never executes code.
 */
export const PROBE_WORKFLOW_ID = "mycelium-validation-probe";
export const PROBE_WORKFLOW_TYPE = "mycelium-validation-probe";
export const PROBE_TASK_QUEUE = "mycelium-validation-probe";
export const PROBE_IDENTITY = "mycelium-validator";

/** temporal.api.enums.v1.WorkflowIdReusePolicy.ALLOW_DUPLICATE */
const ALLOW_DUPLICATE = 1;
/** A probe that could not be terminated closes itself on a real server after this. */
const PROBE_EXECUTION_TIMEOUT_SECONDS = 300;

export async function terminateProbeWorkflow(
  connection: Connection,
  namespace: string,
  runId: string | null,
  timeoutMs: number,
): Promise<void> {
  await withTimeout(connection, timeoutMs, () =>
    connection.workflowService.terminateWorkflowExecution({
      namespace,
      workflowExecution: { workflowId: PROBE_WORKFLOW_ID, ...(runId ? { runId } : {}) },
      reason: "mycelium validation probe: written to check persistence, terminated at once",
      identity: PROBE_IDENTITY,
    }),
  );
}

/**
 * Start a probe run. A probe still running from an interrupted validation is terminated and
 * the start retried once, so probes never pile up.
 */
export async function startProbeWorkflow(
  connection: Connection,
  namespace: string,
  timeoutMs: number,
): Promise<{ runId: string }> {
  const start = () =>
    withTimeout(connection, timeoutMs, () =>
      connection.workflowService.startWorkflowExecution({
        namespace,
        workflowId: PROBE_WORKFLOW_ID,
        workflowType: { name: PROBE_WORKFLOW_TYPE },
        taskQueue: { name: PROBE_TASK_QUEUE },
        requestId: randomUUID(),
        identity: PROBE_IDENTITY,
        workflowIdReusePolicy: ALLOW_DUPLICATE,
        workflowExecutionTimeout: durationFromSeconds(PROBE_EXECUTION_TIMEOUT_SECONDS),
      }),
    );
  try {
    return { runId: (await start()).runId ?? "" };
  } catch (error) {
    if (describeGrpcError(error).code !== GrpcStatus.ALREADY_EXISTS) throw error;
    await terminateProbeWorkflow(connection, namespace, null, timeoutMs);
    return { runId: (await start()).runId ?? "" };
  }
}
