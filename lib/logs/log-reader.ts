import type Docker from "dockerode";
import { isNoSuchObject, withEngine } from "../docker/docker-client";
import { COMPOSE_LABELS, listProjectContainers, type ProjectContainer } from "../docker/project-resources";
import { MyceliumError } from "../errors";
import { redactSecrets } from "../security/redact";
import { parseDockerLogs } from "./docker-log-parser";
import { SERVICE_NAMES } from "../stack/stack-services";
import { mergeByTime, toDockerTime, type LogLine } from "./log-line";

/** The services whose logs may be asked for: the stack's, plus any the project's containers carry. */
export async function projectLogServices(
  docker: Docker,
  project: string,
): Promise<{ services: string[]; containers: ProjectContainer[] }> {
  const containers = await listProjectContainers(docker, project);
  const services = new Set<string>(SERVICE_NAMES);
  for (const container of containers) if (container.service) services.add(container.service);
  return { services: [...services], containers };
}

export function projectLabelFilter(project: string): string {
  return `${COMPOSE_LABELS.project}=${project}`;
}

export interface ReadOptions {
  tail: number;
  /** Docker's inclusive upper bound (a timestamp). */
  until?: string;
  secrets?: readonly string[];
}

/** The most lines a reader may ask for at once (the API's `tail`, the CLI's `--tail`). */
export const MAX_TAIL = 10_000;

/** One container's last lines (never the whole log: Docker reads `tail` lines from the end). */
export async function readContainerLines(
  docker: Docker,
  container: Pick<ProjectContainer, "id" | "service">,
  options: ReadOptions,
): Promise<LogLine[]> {
  const handle = docker.getContainer(container.id);
  const info = await withEngine(() => handle.inspect());
  const raw = await withEngine(() =>
    handle.logs({
      follow: false,
      stdout: true,
      stderr: true,
      timestamps: true,
      tail: options.tail,
      ...(options.until ? { until: toDockerTime(options.until) } : {}),
    }),
  );
  const buffer = Buffer.isBuffer(raw) ? raw : Buffer.from(String(raw));
  const secrets = options.secrets ?? [];
  return parseDockerLogs(buffer, info.Config.Tty).map((line) => ({
    service: container.service,
    stream: line.stream,
    ts: line.ts,
    text: redactSecrets(line.text, secrets),
  }));
}

/** The last `tail` lines of each selected service, merged in time order (`mycelium logs` without -f). */
export async function readProjectLogs(
  docker: Docker,
  project: string,
  { services, tail, secrets = [] }: { services: readonly string[] | null; tail: number; secrets?: readonly string[] },
): Promise<LogLine[]> {
  const containers = (await listProjectContainers(docker, project)).filter(
    (c) => !services || services.includes(c.service),
  );
  const lists = await Promise.all(
    containers.map((container) => readContainerLines(docker, container, { tail, secrets }).catch(ignoreGone)),
  );
  return mergeByTime(...lists);
}

function ignoreGone(error: unknown): LogLine[] {
  // Removed between the listing and the read: it has no lines to show.
  if (isNoSuchObject(error)) return [];
  throw error;
}

/** Upper bound of lines scanned from the end of a log to find one page of older lines. */
export const MAX_PAGE_SCAN = 1_000_000;

/**
 * Up to `limit` lines of one container older than `before`. Docker applies `tail` before
 * `until` (tail=N&until=T returns nothing when the last N lines are newer than T), so the
 * page is found by asking for a growing tail with `until`: the reply tells how many of the
 * last K lines are newer than `before`, and the next ask takes exactly enough more. Never
 * reads from the start of the log (`since=0`), and stops at MAX_PAGE_SCAN lines.
 */
export async function readOlderContainerLines(
  docker: Docker,
  container: Pick<ProjectContainer, "id" | "service">,
  { before, limit, secrets = [] }: { before: string; limit: number; secrets?: readonly string[] },
): Promise<{ lines: LogLine[]; hasMore: boolean }> {
  let tail = limit * 2 + 64;
  let exact = false;
  for (;;) {
    const raw = await readContainerLines(docker, container, { tail, until: before, secrets });
    const older = raw.filter((line) => line.ts < before);
    if (older.length >= limit) return { lines: older.slice(-limit), hasMore: true };
    if (raw.length > 0) {
      // The last `tail` lines held `raw.length` lines up to `before`, so `tail - raw.length`
      // are newer. Asking again for that many plus a page reaches exactly one page back;
      // if even that yields less than a page, the log starts there.
      if (exact) return { lines: older, hasMore: false };
      tail = tail - raw.length + limit + 16;
      exact = true;
      continue;
    }
    if (tail >= MAX_PAGE_SCAN) return { lines: [], hasMore: false };
    tail = Math.min(MAX_PAGE_SCAN, tail * 8);
  }
}

/** A page of one service's older lines (all its containers, merged). */
export async function readOlderLines(
  docker: Docker,
  project: string,
  {
    service,
    before,
    limit,
    secrets = [],
  }: { service: string; before: string; limit: number; secrets?: readonly string[] },
): Promise<{ lines: LogLine[]; hasMore: boolean }> {
  const containers = (await listProjectContainers(docker, project)).filter((c) => c.service === service);
  if (containers.length === 0) {
    throw new MyceliumError(
      "not_found:service_container",
      `No container of service "${service}" exists in project ${project}.`,
      {
        hint: "Deploy the stack first, or pick a service that is running.",
      },
    );
  }
  const pages = await Promise.all(
    containers.map((container) =>
      readOlderContainerLines(docker, container, { before, limit, secrets }).catch((error) => ({
        lines: ignoreGone(error),
        hasMore: false,
      })),
    ),
  );
  const merged = mergeByTime(...pages.map((page) => page.lines));
  return { lines: merged.slice(-limit), hasMore: pages.some((page) => page.hasMore) || merged.length > limit };
}
