/**
 * What a node-postgres error means, in the words Temporal's own logs use (lib/pq prints
 * `pq: <server message>`), so a user can match our message with what `docker logs` shows.
 */

export type PostgresFailureKind =
  | "refused"
  | "timeout"
  | "unreachable"
  | "authentication"
  | "database-missing"
  | "too-many-connections"
  | "tls-required"
  | "permission"
  | "relation-missing"
  | "other";

export interface PostgresFailure {
  kind: PostgresFailureKind;
  /** pq-like text: the server's own sentence, or the dial error. Never contains a password. */
  message: string;
  /** SQLSTATE for server errors, errno code for network errors. */
  code: string | null;
}

interface ErrorLike {
  message?: string;
  code?: string;
  severity?: string;
}

const SQLSTATE_KIND: Record<string, PostgresFailureKind> = {
  "28P01": "authentication",
  "28000": "authentication",
  "3D000": "database-missing",
  "53300": "too-many-connections",
  "42501": "permission",
  "42P01": "relation-missing",
};

export function describePostgresError(
  error: unknown,
  target: { host: string; port: number; user: string },
): PostgresFailure {
  const e = (error ?? {}) as ErrorLike;
  const message = e.message ?? String(error);
  if (e.severity && typeof e.code === "string") {
    // pg_hba rejections come as 28000 too; the missing-TLS variant says "no encryption".
    const kind = /no pg_hba\.conf entry/.test(message) ? "tls-required" : (SQLSTATE_KIND[e.code] ?? "other");
    return { kind, message, code: e.code };
  }
  switch (e.code) {
    case "ECONNREFUSED":
      return {
        kind: "refused",
        message: `dial tcp ${target.host}:${target.port}: connect: connection refused`,
        code: e.code,
      };
    case "ETIMEDOUT":
      return { kind: "timeout", message: `dial tcp ${target.host}:${target.port}: i/o timeout`, code: e.code };
    case "EHOSTUNREACH":
    case "ENETUNREACH":
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return { kind: "unreachable", message: `dial tcp ${target.host}:${target.port}: ${e.code}`, code: e.code };
    case "ECONNRESET":
      return { kind: "other", message: "read: connection reset by peer", code: e.code };
  }
  if (/timeout/i.test(message))
    return { kind: "timeout", message: `dial tcp ${target.host}:${target.port}: i/o timeout`, code: null };
  // node-postgres refuses an empty password before sending it; the server would have said this.
  if (/client password must be/i.test(message)) {
    return {
      kind: "authentication",
      message: `password authentication failed for user "${target.user}"`,
      code: "28P01",
    };
  }
  if (/server does not support SSL|SSL/i.test(message)) return { kind: "tls-required", message, code: null };
  return { kind: "other", message, code: e.code ?? null };
}

/** Error thrown by the session when a connection cannot be opened; carries the described failure. */
export class PostgresConnectError extends Error {
  constructor(
    readonly failure: PostgresFailure,
    readonly database: string,
  ) {
    super(failure.message);
    this.name = "PostgresConnectError";
  }
}
