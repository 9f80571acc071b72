import { z } from "zod";
import { MyceliumError, toMyceliumError } from "../errors";
import { MAX_REQUEST_BODY_BYTES } from "../security/request-guard";

/**
 * One wrapper for every route handler: typed errors become `{error: {code, message, hint}}`
 * with their status; anything unexpected is logged here and answered as a plain 500 without
 * a stack trace. Uses only Web-standard Request/Response so it stays free of Next.js.
 */
export function handleRoute<Args extends unknown[]>(
  handler: (request: Request, ...args: Args) => Promise<Response>,
): (request: Request, ...args: Args) => Promise<Response> {
  return async (request, ...args) => {
    try {
      return await handler(request, ...args);
    } catch (error) {
      const failure = toMyceliumError(error);
      if (failure.type === "internal") {
        console.error(`[mycelium] ${request.method} ${new URL(request.url).pathname} failed:`, error);
      }
      return errorResponse(failure);
    }
  };
}

/** The one error answer: `{error: {code, message, hint, detail}}` with the code's status, plus any `extra` fields. */
export function errorResponse(error: MyceliumError, extra: Record<string, unknown> = {}): Response {
  return jsonResponse({ ...error.toBody(), ...extra }, { status: error.status });
}

/** A JSON answer; `Body` names its type in lib/http/api-contract.ts, so server and browser agree. */
export function jsonResponse<Body>(body: Body, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  headers.set("content-type", "application/json; charset=utf-8");
  headers.set("cache-control", "no-store");
  return new Response(JSON.stringify(body), { ...init, headers });
}

/** The media type of a request without parameters, lower-cased ("" when absent). */
function mediaType(request: Request): string {
  return (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
}

/**
 * Read the body as bytes, refusing more than `maxBytes` while streaming (Content-Length can
 * be absent or lie) and refusing media types the route does not speak.
 */
export async function readBodyBytes(
  request: Request,
  { accept, maxBytes = MAX_REQUEST_BODY_BYTES }: { accept: readonly string[]; maxBytes?: number },
): Promise<Uint8Array> {
  const type = mediaType(request);
  if (!accept.includes(type)) {
    throw new MyceliumError(
      "unsupported_media_type:body",
      `This endpoint does not accept "${type || "no content type"}".`,
      {
        hint: `Send the body as ${accept.join(" or ")}.`,
      },
    );
  }
  if (!request.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw new MyceliumError(
        "payload_too_large:body",
        `The request body is larger than ${maxBytes / 1024 / 1024} MiB.`,
        {
          hint: "Config files are small; check that you sent the right file.",
        },
      );
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** Read and validate a JSON body with a zod schema; every failure is a 400 that names the field. */
export async function readJsonBody<Schema extends z.ZodType>(
  request: Request,
  schema: Schema,
): Promise<z.output<Schema>> {
  return parseJsonBytes(await readBodyBytes(request, { accept: ["application/json"] }), schema);
}

/** For routes that take no input: nothing, or `{}`; anything else is refused, not ignored. */
export async function readEmptyBody(request: Request): Promise<void> {
  const bytes = await readBodyBytes(request, { accept: ["application/json", ""] });
  if (bytes.byteLength > 0) parseJsonBytes(bytes, z.strictObject({}));
}

function parseJsonBytes<Schema extends z.ZodType>(bytes: Uint8Array, schema: Schema): z.output<Schema> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    throw new MyceliumError("bad_request:json", "The request body is not valid JSON.", {
      hint: "Send a JSON object encoded as UTF-8.",
    });
  }
  const result = schema.safeParse(parsed);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const field = issue.path.length ? issue.path.join(".") : "body";
    throw new MyceliumError("bad_request:invalid_field", `Invalid ${field}: ${issue.message}`, {
      hint: "Check the request against the endpoint's documented fields.",
    });
  }
  return result.data;
}
