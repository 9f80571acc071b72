import type { temporal } from "@temporalio/proto";

type Duration = NonNullable<
  temporal.api.workflowservice.v1.IRegisterNamespaceRequest["workflowExecutionRetentionPeriod"]
>;

/**
 * A google.protobuf.Duration for a request. The generated types ask for a Long in `seconds`,
 * but protobufjs encodes a plain number for an int64 field; durations here are far below 2^53,
 * so no Long library (only a transitive dependency) is needed.
 */
export function durationFromSeconds(seconds: number): Duration {
  return { seconds: Math.round(seconds) as unknown as Duration["seconds"] };
}
