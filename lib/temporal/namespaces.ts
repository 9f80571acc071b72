import type { Connection } from "@temporalio/client";
import { MyceliumError } from "../errors";
import { describeGrpcError, GrpcStatus, isUnreachable } from "./grpc-errors";
import { durationFromSeconds } from "./proto-duration";
import { withTimeout } from "./temporal-connection";

export type NamespaceState = "unspecified" | "registered" | "deprecated" | "deleted";

export interface NamespaceSummary {
  id: string;
  name: string;
  state: NamespaceState;
  description: string;
  ownerEmail: string;
  /** Workflow execution retention; null when the server sent none. */
  retentionHours: number | null;
  isGlobal: boolean;
}

export interface RegisterNamespaceInput {
  name: string;
  retentionHours: number;
  description?: string;
  ownerEmail?: string;
}

const STATES: Record<number, NamespaceState> = { 0: "unspecified", 1: "registered", 2: "deprecated", 3: "deleted" };
const DEFAULT_TIMEOUT_MS = 5000;
/** Temporal refuses a local namespace's retention under one hour (common/namespace/const.go). */
export const MIN_RETENTION_HOURS = 1;
const MAX_PAGES = 100;

type DescribeResponse = Awaited<ReturnType<Connection["workflowService"]["describeNamespace"]>>;

/** int64 fields arrive as Long objects; the values here are far below 2^53. */
function toNumber(value: unknown): number {
  if (value === null || value === undefined) return 0;
  if (typeof value === "number") return value;
  return Number(String(value));
}

function summarize(response: DescribeResponse): NamespaceSummary {
  const info = response.namespaceInfo ?? {};
  const ttl = response.config?.workflowExecutionRetentionTtl;
  return {
    id: info.id ?? "",
    name: info.name ?? "",
    state: STATES[Number(info.state ?? 0)] ?? "unspecified",
    description: info.description ?? "",
    ownerEmail: info.ownerEmail ?? "",
    retentionHours: ttl ? (toNumber(ttl.seconds) + toNumber(ttl.nanos) / 1e9) / 3600 : null,
    isGlobal: Boolean(response.isGlobalNamespace),
  };
}

/** A refusal from the frontend as the product's error: what happened, and what to do. */
export function namespaceError(error: unknown, name: string): MyceliumError {
  if (error instanceof MyceliumError) return error;
  const failure = describeGrpcError(error);
  const options = { detail: `${failure.codeName}: ${failure.details}`, cause: error };
  switch (failure.code) {
    case GrpcStatus.ALREADY_EXISTS:
      return new MyceliumError("conflict:namespace_exists", `Namespace ${name} already exists.`, {
        ...options,
        hint: "Pick another name, or use the existing namespace.",
      });
    case GrpcStatus.INVALID_ARGUMENT:
      return /retention/i.test(failure.details)
        ? new MyceliumError(
            "bad_request:namespace_retention",
            `Temporal refused the retention of namespace ${name}: ${failure.details}`,
            {
              ...options,
              hint: `Set a retention of at least ${MIN_RETENTION_HOURS} hour (24 hours for a global namespace).`,
            },
          )
        : new MyceliumError(
            "bad_request:namespace_invalid",
            `Temporal refused namespace ${name}: ${failure.details}`,
            options,
          );
    case GrpcStatus.NOT_FOUND:
      return new MyceliumError("not_found:namespace", failure.details || `Namespace ${name} is not found.`, {
        ...options,
        hint:
          "A new stack registers its default namespace a few " +
          "seconds after start: wait and check again, or register it.",
      });
    case GrpcStatus.PERMISSION_DENIED:
    case GrpcStatus.UNAUTHENTICATED:
      return new MyceliumError(
        "forbidden:temporal",
        `Temporal did not allow the namespace call: ${failure.details}`,
        options,
      );
  }
  if (isUnreachable(failure)) {
    return new MyceliumError("unavailable:temporal", "Temporal's frontend does not answer.", {
      ...options,
      hint: "Check that the Temporal container is running and healthy (`mycelium deploy status`).",
    });
  }
  return new MyceliumError(
    "internal:temporal",
    `Temporal answered the namespace call with ${failure.codeName}.`,
    options,
  );
}

export async function describeNamespace(
  connection: Connection,
  name: string,
  timeoutMs = DEFAULT_TIMEOUT_MS,
): Promise<NamespaceSummary> {
  try {
    return summarize(
      await withTimeout(connection, timeoutMs, () => connection.workflowService.describeNamespace({ namespace: name })),
    );
  } catch (error) {
    throw namespaceError(error, name);
  }
}

/**
 * Whether workflows can use the namespace yet: workflow calls read the frontend's namespace
 * cache, which learns of a new namespace only at its next refresh (about 10 s in 1.22), while
 * DescribeNamespace reads the database and answers at once. Rejects like describeNamespace.
 */
export async function checkNamespaceUsable(
  connection: Connection,
  name: string,
  timeoutMs = DEFAULT_TIMEOUT_MS,
): Promise<void> {
  try {
    await withTimeout(connection, timeoutMs, () =>
      connection.workflowService.listWorkflowExecutions({ namespace: name, pageSize: 1 }),
    );
  } catch (error) {
    throw namespaceError(error, name);
  }
}

/** Every namespace the server knows, page by page (`tctl namespace list`). */
export async function listNamespaces(
  connection: Connection,
  { timeoutMs = DEFAULT_TIMEOUT_MS, pageSize = 100 } = {},
): Promise<NamespaceSummary[]> {
  const namespaces: NamespaceSummary[] = [];
  let token: Uint8Array | undefined;
  try {
    for (let page = 0; page < MAX_PAGES; page++) {
      const response = await withTimeout(connection, timeoutMs, () =>
        connection.workflowService.listNamespaces({ pageSize, nextPageToken: token }),
      );
      namespaces.push(...(response.namespaces ?? []).map((n) => summarize(n as DescribeResponse)));
      const next = response.nextPageToken;
      if (!next || next.length === 0) break;
      token = next;
    }
  } catch (error) {
    throw namespaceError(error, "(list)");
  }
  return namespaces.sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * `tctl namespace register`: checked here first (retention, name), so the common mistakes get
 * a clear 400 without a round trip; the server's own refusals map to the same errors.
 */
export async function registerNamespace(
  connection: Connection,
  input: RegisterNamespaceInput,
  { timeoutMs = DEFAULT_TIMEOUT_MS } = {},
): Promise<void> {
  const name = input.name.trim();
  if (!name || name.length > 255) {
    throw new MyceliumError("bad_request:namespace_invalid", "A namespace name must be 1–255 characters.", {
      hint: "Use letters, digits, '.', '_' or '-', e.g. `production`.",
    });
  }
  if (!Number.isFinite(input.retentionHours) || input.retentionHours < MIN_RETENTION_HOURS) {
    throw new MyceliumError(
      "bad_request:namespace_retention",
      `Retention must be at least ${MIN_RETENTION_HOURS} hour; got ${input.retentionHours}.`,
      {
        hint: "Temporal keeps closed workflows for the retention period and refuses anything shorter than an hour.",
      },
    );
  }
  const seconds = Math.round(input.retentionHours * 3600);
  try {
    await withTimeout(connection, timeoutMs, () =>
      connection.workflowService.registerNamespace({
        namespace: name,
        description: input.description ?? "",
        ownerEmail: input.ownerEmail ?? "",
        workflowExecutionRetentionPeriod: durationFromSeconds(seconds),
      }),
    );
  } catch (error) {
    throw namespaceError(error, name);
  }
}
