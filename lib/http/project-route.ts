import { z } from "zod";
import { MyceliumError } from "../errors";
import { openProject, projectContext, type Project, type ProjectContext } from "../stack/project-context";
import { handleRoute, readEmptyBody, readJsonBody } from "./route-handler";

/**
 * Route handlers in the shape of saas-starter's `validatedActionWithUser`: the request's input
 * is read and checked first, then the project is resolved once, then the handler runs on both.
 */
export type RequestReader<Input> = (request: Request) => Promise<Input>;

/** A GET without parameters. */
export const noInput: RequestReader<undefined> = async () => undefined;

/** A POST that takes nothing, or `{}`. */
export const emptyBody: RequestReader<undefined> = async (request) => {
  await readEmptyBody(request);
  return undefined;
};

export function jsonBody<Schema extends z.ZodType>(schema: Schema): RequestReader<z.output<Schema>> {
  return (request) => readJsonBody(request, schema);
}

/** Query parameters checked by `schema`; a failure is a 400 that names the parameter, with `hint`. */
export function queryOf<Schema extends z.ZodType>(schema: Schema, hint: string): RequestReader<z.output<Schema>> {
  return async (request) => {
    const parsed = schema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0]!;
    const field = issue.path.join(".") || "query";
    throw new MyceliumError("bad_request:query", `Invalid ${field}: ${issue.message}`, { hint });
  };
}

/** For endpoints that work without a valid config (the editor, the first-run checks). */
export function withContext<Input>(
  read: RequestReader<Input>,
  handler: (context: ProjectContext, input: Input, request: Request) => Promise<Response>,
): (request: Request) => Promise<Response> {
  return handleRoute(async (request: Request) => {
    const input = await read(request);
    return handler(projectContext(), input, request);
  });
}

/** For endpoints about the configured stack: an invalid or missing config is answered as such. */
export function withProject<Input>(
  read: RequestReader<Input>,
  handler: (project: Project, input: Input, request: Request) => Promise<Response>,
): (request: Request) => Promise<Response> {
  return handleRoute(async (request: Request) => {
    const input = await read(request);
    return handler(await openProject(), input, request);
  });
}
