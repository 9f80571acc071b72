/**
 * The one error type the product throws on purpose. Its `code` is `type:surface`
 * (e.g. `bad_request:config`), which decides the HTTP status; `message` and `hint`
 * are written for the user, `detail` holds the raw cause (already redacted) that the
 * UI shows one click away.
 */
export type ErrorType =
  | "bad_request"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "precondition_required"
  | "payload_too_large"
  | "unsupported_media_type"
  | "unavailable"
  | "internal";

const STATUS_BY_TYPE: Record<ErrorType, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  precondition_required: 428,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unavailable: 503,
  internal: 500,
};

export type ErrorCode = `${ErrorType}:${string}`;

export interface ErrorBody {
  error: { code: ErrorCode; message: string; hint?: string; detail?: string };
}

export class MyceliumError extends Error {
  readonly code: ErrorCode;
  readonly hint?: string;
  readonly detail?: string;

  constructor(code: ErrorCode, message: string, options: { hint?: string; detail?: string; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = "MyceliumError";
    this.code = code;
    this.hint = options.hint;
    this.detail = options.detail;
  }

  get type(): ErrorType {
    return this.code.split(":")[0] as ErrorType;
  }

  get status(): number {
    return STATUS_BY_TYPE[this.type];
  }

  toBody(): ErrorBody {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.hint ? { hint: this.hint } : {}),
        ...(this.detail ? { detail: this.detail } : {}),
      },
    };
  }
}

/** Anything that is not a MyceliumError becomes a generic 500 whose text hides internals. */
export function toMyceliumError(error: unknown): MyceliumError {
  if (error instanceof MyceliumError) return error;
  return new MyceliumError("internal:unexpected", "Something went wrong inside Mycelium.", {
    hint: "Try again; if it keeps happening, run `mycelium support-bundle` and attach it to a bug report.",
    cause: error,
  });
}
