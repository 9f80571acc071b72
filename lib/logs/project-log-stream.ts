import type Docker from "dockerode";
import { isNoSuchObject, withEngine } from "../docker/docker-client";
import { COMPOSE_LABELS, listProjectContainers } from "../docker/project-resources";
import { MyceliumError, toMyceliumError } from "../errors";
import { redactSecrets } from "../security/redact";
import { DockerLogParser, type ParsedLogLine } from "./docker-log-parser";
import { BATCH_MAX_LINES, LineBatcher } from "./line-batcher";
import { timestampFromMillis, toDockerTime, type LogLine } from "./log-line";
import { projectLabelFilter } from "./log-reader";

/**
 * Live counters of what followers hold open against the engine. Tests read them to prove
 * that a client going away releases every Docker stream and event listener.
 */
const counters = { followers: 0, dockerLogStreams: 0, eventStreams: 0 };

export function logStreamCounters(): Readonly<typeof counters> {
  return { ...counters };
}

/** Lines asked for when re-attaching with `since` (Docker applies `tail` first; it keeps the read short). */
export const REATTACH_TAIL = 10_000;
/** How long the first backlog is held so the tails of several services leave merged in time order. */
export const BACKLOG_SETTLE_MS = 100;
const BACKLOG_HOLD_LIMIT = 50_000;
const RECONNECT_DELAY_MS = 500;

export type AttachReason = "initial" | "restart" | "recreate" | "reconnect";

export interface AttachNotice {
  service: string;
  container: string;
  containerId: string;
  reason: AttachReason;
}

export interface FollowProjectLogsOptions {
  docker: Docker;
  project: string;
  /** Only these services; null for every service of the project. */
  services: readonly string[] | null;
  /** Lines of history per container at the start (ignored when `after` is given). */
  tail: number;
  secrets?: readonly string[];
  /** Resume a dropped connection: only lines newer than this timestamp, no tail. */
  after?: string | null;
  /** Takes a batch in time order; returns false when the consumer is full (then wait for resume()). */
  deliver: (lines: LogLine[]) => boolean;
  onAttach?: (notice: AttachNotice) => void;
  /** The engine went away (or refused): the follower has closed itself. */
  onProblem?: (error: MyceliumError) => void;
  batchIntervalMs?: number;
  batchMaxLines?: number;
}

export interface LogFollower {
  /** The consumer has room again: deliver what waits and read on. */
  resume(): void;
  /** Release every Docker stream and the event listener. Idempotent. */
  close(): void;
  stats(): {
    pendingLines: number;
    maxPendingLines: number;
    deliveredLines: number;
    attachedContainers: number;
    paused: boolean;
  };
}

type DockerStream = NodeJS.ReadableStream & { destroy?: (error?: Error) => void };

interface Attachment {
  id: string;
  service: string;
  name: string;
  stream: DockerStream | null;
  opening: boolean;
  /** A start event came while the previous run's stream was still draining. */
  restartPending: boolean;
  /** Newest line delivered from this container, and the lines carrying exactly that time. */
  maxTs: string | null;
  atMaxTs: ParsedLogLine[];
  /** Lines at or before this point were already delivered (applies to the current stream). */
  dedupe: { since: string; keys: Set<string> | null } | null;
  retryTimer: ReturnType<typeof setTimeout> | null;
}

const lineKey = (line: ParsedLogLine) => `${line.stream}\u0000${line.text}`;

/**
 * Follow the logs of a project's containers: stdout and stderr, with Docker's timestamps,
 * merged into batches. Re-attaches by itself: the engine's event stream (filtered by the
 * project label) reports every container `start`, and that container's logs are reopened
 * from the newest line already delivered (`since`), dropping the lines at that instant
 * that were already sent, so a restart or a recreate neither repeats nor loses a line.
 */
export async function followProjectLogs(options: FollowProjectLogsOptions): Promise<LogFollower> {
  const { docker, project, services } = options;
  const secrets = options.secrets ?? [];
  const wanted = (service: string) => !services || services.includes(service);
  // Lines of containers we meet later are all newer than this (1 s spare for clock skew).
  const startedTs = timestampFromMillis(Date.now() - 1000);
  const attachments = new Map<string, Attachment>();
  let closed = false;
  let problemReported = false;
  let settleTimer: ReturnType<typeof setTimeout> | null = null;

  const batcher = new LineBatcher({
    deliver: (lines) => options.deliver(lines),
    pauseSources: () => attachments.forEach((a) => a.stream?.pause()),
    resumeSources: () => attachments.forEach((a) => a.stream?.resume()),
    intervalMs: options.batchIntervalMs,
    maxLines: options.batchMaxLines,
  });

  counters.followers++;
  const events = (await withEngine(() =>
    docker.getEvents({ filters: { type: ["container"], event: ["start"], label: [projectLabelFilter(project)] } }),
  ).catch((error: unknown) => {
    counters.followers--;
    throw error;
  })) as DockerStream;
  counters.eventStreams++;
  let eventsOpen = true;

  const releaseEvents = () => {
    if (!eventsOpen) return;
    eventsOpen = false;
    counters.eventStreams--;
    events.removeAllListeners("data");
    events.destroy?.();
  };

  const detach = (attachment: Attachment) => {
    const stream = attachment.stream;
    if (!stream) return;
    attachment.stream = null;
    counters.dockerLogStreams--;
    stream.removeAllListeners("data");
    stream.destroy?.();
  };

  const close = () => {
    if (closed) return;
    closed = true;
    if (settleTimer) clearTimeout(settleTimer);
    batcher.close();
    releaseEvents();
    for (const attachment of attachments.values()) {
      if (attachment.retryTimer) clearTimeout(attachment.retryTimer);
      detach(attachment);
    }
    counters.followers--;
  };

  const problem = (error: unknown) => {
    if (closed) return;
    const failure = toMyceliumError(error);
    close();
    if (!problemReported) {
      problemReported = true;
      options.onProblem?.(failure);
    }
  };

  const accept = (attachment: Attachment, parsed: ParsedLogLine[]) => {
    const lines: LogLine[] = [];
    for (const line of parsed) {
      const dedupe = attachment.dedupe;
      if (dedupe) {
        if (line.ts < dedupe.since) continue;
        if (line.ts === dedupe.since) {
          // Without the keys (a resumed connection) everything at that instant was sent.
          if (!dedupe.keys || dedupe.keys.has(lineKey(line))) continue;
        } else {
          attachment.dedupe = null;
        }
      }
      // Lines nearly always have distinct times: one reused array, no allocation per line.
      if (attachment.maxTs === null || line.ts > attachment.maxTs) {
        attachment.maxTs = line.ts;
        attachment.atMaxTs.length = 0;
        attachment.atMaxTs.push(line);
      } else if (line.ts === attachment.maxTs) {
        attachment.atMaxTs.push(line);
      }
      lines.push({
        service: attachment.service,
        stream: line.stream,
        ts: line.ts,
        text: redactSecrets(line.text, secrets),
      });
    }
    batcher.add(lines);
  };

  const open = async (attachment: Attachment, reason: AttachReason): Promise<void> => {
    if (closed) return;
    if (attachment.stream || attachment.opening) {
      // Still reading the previous run: reopen when it has drained.
      if (reason === "restart" || reason === "recreate") attachment.restartPending = true;
      return;
    }
    attachment.opening = true;
    if (attachment.retryTimer) clearTimeout(attachment.retryTimer);
    attachment.retryTimer = null;
    let since: string | null = null;
    let tail = options.tail;
    if (reason === "initial") {
      if (options.after) {
        since = options.after;
        tail = REATTACH_TAIL;
        attachment.dedupe = { since, keys: null };
      }
    } else {
      since = attachment.maxTs ?? startedTs;
      tail = REATTACH_TAIL;
      attachment.dedupe = attachment.maxTs ? { since, keys: new Set(attachment.atMaxTs.map(lineKey)) } : null;
    }
    try {
      const handle = docker.getContainer(attachment.id);
      const info = await withEngine(() => handle.inspect());
      attachment.name = info.Name.replace(/^\//, "") || attachment.name;
      const stream = (await withEngine(() =>
        handle.logs({
          follow: true,
          stdout: true,
          stderr: true,
          timestamps: true,
          tail,
          ...(since ? { since: toDockerTime(since) } : {}),
        }),
      )) as DockerStream;
      if (closed) {
        stream.destroy?.();
        return;
      }
      counters.dockerLogStreams++;
      attachment.stream = stream;
      if (batcher.paused) stream.pause();
      const parser = new DockerLogParser(info.Config.Tty);
      stream.on("data", (chunk: Buffer) => {
        if (attachment.stream === stream) accept(attachment, parser.push(chunk));
      });
      const ended = () => {
        if (attachment.stream !== stream) return;
        accept(attachment, parser.end());
        detach(attachment);
        void afterEnd(attachment);
      };
      stream.on("end", ended);
      stream.on("close", ended);
      stream.on("error", ended);
      options.onAttach?.({
        service: attachment.service,
        container: attachment.name,
        containerId: attachment.id,
        reason,
      });
    } catch (error) {
      if (isNoSuchObject(error)) attachments.delete(attachment.id);
      else problem(error);
    } finally {
      attachment.opening = false;
    }
  };

  /** A log stream ended: the container stopped (wait for its start event) or the read broke. */
  const afterEnd = async (attachment: Attachment) => {
    if (closed) return;
    if (attachment.restartPending) {
      attachment.restartPending = false;
      return open(attachment, "restart");
    }
    try {
      const info = await withEngine(() => docker.getContainer(attachment.id).inspect());
      if (closed || !info.State.Running || attachment.stream) return;
      attachment.retryTimer = setTimeout(() => void open(attachment, "reconnect"), RECONNECT_DELAY_MS);
    } catch (error) {
      if (isNoSuchObject(error)) attachments.delete(attachment.id);
      else problem(error);
    }
  };

  const track = (id: string, service: string, name: string): Attachment => {
    let attachment = attachments.get(id);
    if (!attachment) {
      attachment = {
        id,
        service,
        name,
        stream: null,
        opening: false,
        restartPending: false,
        maxTs: null,
        atMaxTs: [],
        dedupe: null,
        retryTimer: null,
      };
      attachments.set(id, attachment);
    }
    return attachment;
  };

  let pendingEvents = "";
  events.on("data", (chunk: Buffer) => {
    pendingEvents += chunk.toString("utf8");
    const lines = pendingEvents.split("\n");
    pendingEvents = lines.pop() ?? "";
    for (const line of lines) {
      if (!line.trim()) continue;
      let event: {
        status?: string;
        Action?: string;
        id?: string;
        Actor?: { ID?: string; Attributes?: Record<string, string> };
      };
      try {
        event = JSON.parse(line);
      } catch {
        continue;
      }
      const id = event.Actor?.ID ?? event.id;
      const attributes = event.Actor?.Attributes ?? {};
      const service = attributes[COMPOSE_LABELS.service] ?? "";
      if ((event.Action ?? event.status) !== "start" || !id || !service || !wanted(service)) continue;
      if (attributes[COMPOSE_LABELS.oneoff] === "True") continue;
      const known = attachments.has(id);
      void open(track(id, service, attributes.name ?? id.slice(0, 12)), known ? "restart" : "recreate");
    }
  });
  const eventsEnded = () => {
    if (!eventsOpen || closed) return;
    problem(
      new MyceliumError("unavailable:docker", "Docker is not running: the engine closed its event stream.", {
        hint: "Start Docker again; the log view reconnects by itself.",
      }),
    );
  };
  events.on("end", eventsEnded);
  events.on("close", eventsEnded);
  events.on("error", eventsEnded);

  // The event stream is open before the containers are listed, so no start can slip between.
  try {
    const containers = (await listProjectContainers(docker, project)).filter((c) => wanted(c.service));
    // The backlog is at most the tails asked for; beyond that, lines are live and go out at once.
    const batchMax = options.batchMaxLines ?? BATCH_MAX_LINES;
    batcher.hold(Math.min(BACKLOG_HOLD_LIMIT, (options.after ? 0 : options.tail) * containers.length + batchMax));
    await Promise.all(containers.map((c) => open(track(c.id, c.service, c.name), "initial")));
  } catch (error) {
    close();
    throw error;
  }
  if (!closed) {
    settleTimer = setTimeout(() => {
      settleTimer = null;
      batcher.release();
    }, BACKLOG_SETTLE_MS);
  }

  return {
    resume: () => batcher.resume(),
    close,
    stats: () => ({
      pendingLines: batcher.pendingLines,
      maxPendingLines: batcher.highWater,
      deliveredLines: batcher.delivered,
      attachedContainers: [...attachments.values()].filter((a) => a.stream).length,
      paused: batcher.paused,
    }),
  };
}
