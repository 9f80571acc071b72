import { z } from "zod";
import { readDeploymentPasswords } from "../../deploy/deployment-files";
import { checkEngine } from "../../docker/docker-client";
import { openProject, type ProjectContext } from "../../stack/project-context";
import { MyceliumError } from "../../errors";
import type { LogPageResponse, LogServicesResponse } from "../api-contract";
import { jsonResponse } from "../route-handler";
import { sseResponse } from "../sse";
import { withDiagnosis } from "../../logs/log-diagnosis";
import { normaliseTimestamp } from "../../logs/log-line";
import { MAX_TAIL, projectLogServices, readOlderLines } from "../../logs/log-reader";
import { followProjectLogs } from "../../logs/project-log-stream";

/** The log endpoints' logic, shared by the route files in app/api/logs. */

const DEFAULT_TAIL = 500;
const MAX_PAGE_LIMIT = 5_000;

const timestamp = z.string().transform((value, context) => {
  const normalised = normaliseTimestamp(value);
  if (!normalised) {
    context.addIssue({
      code: "custom",
      message: `"${value.slice(0, 40)}" is not a timestamp like 2024-05-01T12:00:00.123456789Z`,
    });
    return z.NEVER;
  }
  return normalised;
});

const count = (name: string, min: number, max: number, fallback: number) =>
  z
    .string()
    .optional()
    .transform((value, context) => {
      if (value === undefined || value === "") return fallback;
      const n = Number(value);
      if (!/^\d+$/.test(value) || n < min || n > max) {
        context.addIssue({
          code: "custom",
          message: `${name} must be a whole number from ${min} to ${max}, not "${value.slice(0, 20)}"`,
        });
        return z.NEVER;
      }
      return n;
    });

const streamQuerySchema = z.object({
  /** Comma-separated (or repeated) service names; none means all of the project's. */
  services: z.array(z.string().max(64)).max(32),
  tail: count("tail", 0, MAX_TAIL, DEFAULT_TAIL),
  /** Resume after this line time instead of sending a tail (also read from Last-Event-ID). */
  after: timestamp.optional(),
});

const pageQuerySchema = z.object({
  service: z.string().min(1, "service is required").max(64),
  before: timestamp,
  limit: count("limit", 1, MAX_PAGE_LIMIT, DEFAULT_TAIL),
});

function parseQuery<Schema extends z.ZodType>(schema: Schema, input: unknown): z.output<Schema> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = issue.path.join(".") || "query";
  throw new MyceliumError("bad_request:invalid_query", `Invalid ${field}: ${issue.message}.`, {
    hint:
      "GET /api/logs?services=postgres,temporal&tail=500 — tail from 0 to " +
      "10000; /api/logs/page?service=postgres&before=<timestamp>&limit=500.",
  });
}

function checkServices(asked: readonly string[], known: readonly string[]): void {
  const unknown = asked.filter((service) => !known.includes(service));
  if (unknown.length > 0) {
    throw new MyceliumError(
      "bad_request:unknown_service",
      `Unknown service${unknown.length > 1 ? "s" : ""} ${unknown.map((s) => `"${s.slice(0, 64)}"`).join(", ")}.`,
      {
        hint: `This project's services are ${known.join(", ")}.`,
      },
    );
  }
}

async function loadProject(context: ProjectContext) {
  const { config, engine } = await openProject(context);
  const { docker } = engine;
  await checkEngine(docker);
  const { services, containers } = await projectLogServices(docker, config.project_name);
  return { project: config.project_name, docker, services, containers };
}

export async function getLogServicesResponse(context: ProjectContext): Promise<Response> {
  const { project, services, containers } = await loadProject(context);
  return jsonResponse<LogServicesResponse>({
    project,
    services,
    containers: containers.map(({ name, service, state, status }) => ({ name, service, state, status })),
  });
}

export async function getLogPageResponse(
  context: ProjectContext,
  _input: undefined,
  request: Request,
): Promise<Response> {
  const url = new URL(request.url);
  const query = parseQuery(pageQuerySchema, {
    service: url.searchParams.get("service") ?? "",
    before: url.searchParams.get("before") ?? "",
    limit: url.searchParams.get("limit") ?? undefined,
  });
  const { project, docker, services } = await loadProject(context);
  checkServices([query.service], services);
  const page = await readOlderLines(docker, project, { ...query, secrets: await readDeploymentPasswords(project) });
  return jsonResponse<LogPageResponse>({
    service: query.service,
    before: query.before,
    ...page,
    lines: page.lines.map(withDiagnosis),
  });
}

/**
 * `GET /api/logs` as Server-Sent Events:
 *  - `hello` {project, services, tail, resumedAfter}
 *  - `lines` LogLine[] (one event per ≤50 ms or ≤500 lines; `id:` is the newest `ts`, so a
 *    reconnecting EventSource resumes with Last-Event-ID instead of a repeated tail)
 *  - `attach` {service, container, containerId, reason} when a container's log is (re)opened
 *  - `problem` {code, message, hint} when the engine goes away (the stream then ends)
 * Validation and engine errors are answered before the stream starts, as JSON with a status.
 */
export async function getLogStreamResponse(
  context: ProjectContext,
  _input: undefined,
  request: Request,
): Promise<Response> {
  const url = new URL(request.url);
  const lastEventId = request.headers.get("last-event-id");
  const query = parseQuery(streamQuerySchema, {
    services: url.searchParams
      .getAll("services")
      .flatMap((value) => value.split(","))
      .map((value) => value.trim())
      .filter(Boolean),
    tail: url.searchParams.get("tail") ?? undefined,
    after: url.searchParams.get("after") || lastEventId || undefined,
  });
  const { project, docker, services } = await loadProject(context);
  checkServices(query.services, services);
  const selected = query.services.length > 0 ? [...new Set(query.services)] : null;
  const secrets = await readDeploymentPasswords(project);
  return sseResponse(request, (channel) => {
    channel.send("hello", {
      project,
      services: selected ?? services,
      tail: query.tail,
      resumedAfter: query.after ?? null,
    });
    return followProjectLogs({
      docker,
      project,
      services: selected,
      tail: query.tail,
      after: query.after ?? null,
      secrets,
      deliver: (lines) => channel.send("lines", lines.map(withDiagnosis), lines.at(-1)?.ts),
      onAttach: (notice) => channel.send("attach", notice),
      onProblem: channel.fail,
    });
  });
}
