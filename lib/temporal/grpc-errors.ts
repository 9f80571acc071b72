import { status as GrpcStatus } from "@grpc/grpc-js";

export { GrpcStatus };

export interface GrpcFailure {
  /** gRPC status code, or null when the error did not come from a call. */
  code: number | null;
  /** `NOT_FOUND`, `UNAVAILABLE`, … */
  codeName: string;
  /** The server's own sentence (`Namespace X is not found.`), else the error message. */
  details: string;
}

const NAMES = Object.fromEntries(
  Object.entries(GrpcStatus)
    .filter(([, value]) => typeof value === "number")
    .map(([name, value]) => [value as number, name]),
) as Record<number, string>;

export function grpcStatusName(code: number): string {
  return NAMES[code] ?? `CODE_${code}`;
}

/** Reads a grpc-js ServiceError (what @temporalio/client rejects with when it has no retry interceptor). */
export function describeGrpcError(error: unknown): GrpcFailure {
  const e = (error ?? {}) as { code?: unknown; details?: unknown; message?: unknown };
  const code = typeof e.code === "number" ? e.code : null;
  const details =
    typeof e.details === "string" && e.details ? e.details : typeof e.message === "string" ? e.message : String(error);
  return { code, codeName: code === null ? "ERROR" : grpcStatusName(code), details };
}

/** A deadline or a dead frontend, as opposed to an answer the server chose to give. */
export function isUnreachable(failure: GrpcFailure): boolean {
  return (
    failure.code === GrpcStatus.UNAVAILABLE || failure.code === GrpcStatus.DEADLINE_EXCEEDED || failure.code === null
  );
}
