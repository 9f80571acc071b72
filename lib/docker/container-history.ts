import type Docker from "dockerode";
import { withEngine } from "./docker-client";
import { tailContainerLogs } from "./container-logs";

/** What a container's state says about the runs before this one. */
export interface ContainerRuns {
  state: string;
  health: string;
  /** Restarts by the restart policy since the last manual start (Docker resets it on `start`/`restart`). */
  restartCount: number;
}

/**
 * Crashed since it was last healthy: it is between two attempts, or the restart policy has
 * started it again after a crash and it has not turned healthy since. A crash loop looks
 * "running" (even "starting") for a while after each restart, so one moment's state is no
 * verdict: the history is. Plan, container checks and log evidence all judge by this.
 */
export function crashedSinceHealthy(container: ContainerRuns): boolean {
  if (container.state === "restarting") return true;
  return container.state === "running" && container.restartCount > 0 && container.health !== "healthy";
}

/** The earlier runs of a crash-looping container, as far as the engine remembers them. */
export interface CrashHistory {
  /** Exit codes of its recent runs, oldest first (the engine keeps its last 256 events only). */
  exitCodes: number[];
  /** The last lines of its most recent crashed run: the crash's own words. */
  lastRunLines: string[];
}

/** Words of a line that ends a process, then of any complaint (a retrying client's, say). */
const FATAL_WORDS = /\b(fatal|panic|unable to|cannot|can't|could not|no such file|permission denied)\b/i;
const ERROR_WORDS = /\b(error|failed|failure|denied|refused|not found)\b/i;

/**
 * The line that says why a run ended: the last that reads like a fatal error, else the last
 * complaint, else the last line. A run can complain after its real cause: 1.22's auto-setup
 * keeps a CLI retrying in the background while the server it waits for dies.
 * Temporal's logs are zap records, JSON (the server) or tab-separated with a JSON tail (the
 * sql tool): their message and `error` are the words, not the whole record.
 */
export function crashWords(lines: readonly string[]): string | null {
  const line = lines.findLast((l) => FATAL_WORDS.test(l)) ?? lines.findLast((l) => ERROR_WORDS.test(l)) ?? lines.at(-1);
  if (!line) return null;
  const fields = line.split("\t");
  const record = parseRecord(fields.length >= 3 ? fields.at(-1)! : line);
  const message = fields.length >= 3 ? fields[2]!.trim().replace(/\.$/, "") : record?.msg;
  if (typeof message !== "string" || (!record && fields.length < 3)) return line.trim();
  return typeof record?.error === "string" ? `${message}: ${record.error}` : message;
}

function parseRecord(text: string): { msg?: unknown; error?: unknown } | null {
  try {
    const value = JSON.parse(text) as unknown;
    return value && typeof value === "object" ? (value as { msg?: unknown; error?: unknown }) : null;
  } catch {
    return null;
  }
}

/** Longest stretch of a crashed run's log read back: a run that crashed after hours says why at its end. */
const CRASHED_RUN_WINDOW_SECONDS = 300;

interface RunEvent {
  status: "start" | "die" | "stop";
  seconds: number;
  exitCode: number | null;
}

/** The container's start, die and stop events still in the engine's event buffer, oldest first. */
async function runEvents(docker: Docker, containerId: string): Promise<RunEvent[]> {
  const stream = (await withEngine(() =>
    docker.getEvents({
      since: 1,
      until: Math.ceil(Date.now() / 1000),
      filters: { type: ["container"], container: [containerId], event: ["start", "die", "stop"] },
    }),
  )) as NodeJS.ReadableStream;
  let text = "";
  for await (const chunk of stream) text += chunk.toString();
  return text
    .split("\n")
    .filter((line) => line.trim())
    .map(
      (line) =>
        JSON.parse(line) as {
          status: RunEvent["status"];
          timeNano: number;
          Actor?: { Attributes?: { exitCode?: string } };
        },
    )
    .map((event) => ({
      status: event.status,
      seconds: event.timeNano / 1e9,
      exitCode: event.Actor?.Attributes?.exitCode === undefined ? null : Number(event.Actor.Attributes.exitCode),
    }));
}

/**
 * The crashes behind a container that is crash-looping: the exit codes the engine recorded and
 * the last lines of the run that crashed. A container running again is read up to the start of
 * its current run, from the end of the run before (bounded), whose first lines (a setup
 * script, say) would otherwise push the crash out of any tail.
 */
export async function readCrashHistory(
  docker: Docker,
  container: { containerId: string; state: string; startedAt: string | null },
  lines: number,
  secrets: readonly string[] = [],
): Promise<CrashHistory> {
  // Only the runs since it was last stopped by hand (`docker stop`/`restart` end with "stop";
  // the restart policy's restarts do not): those are its crashes, as RestartCount counts them.
  const all = await runEvents(docker, container.containerId);
  const stoppedByHand = all.findLastIndex((event) => event.status === "stop");
  const events = all.slice(stoppedByHand + 1);
  const exitCodes = events.flatMap((event) =>
    event.status === "die" && event.exitCode !== null ? [event.exitCode] : [],
  );
  if (container.state !== "running" || !container.startedAt) {
    return { exitCodes, lastRunLines: await tailContainerLogs(docker, container.containerId, lines, secrets) };
  }
  const currentStart = Date.parse(container.startedAt) / 1000;
  // The crashed run lies between the two last deaths. Its death bounds it, not the current
  // run's StartedAt: the engine records that after the process has begun, and a busy machine
  // lets the new run write its first lines before it. Start events come late the same way.
  const deaths = events.filter((event) => event.status === "die" && event.seconds < currentStart);
  const crashedRunEnded = deaths.at(-1)?.seconds ?? currentStart;
  const runBeforeEnded = deaths.at(-2)?.seconds ?? all[stoppedByHand]?.seconds ?? 0;
  const window = {
    sinceSeconds: Math.max(runBeforeEnded, crashedRunEnded - CRASHED_RUN_WINDOW_SECONDS),
    untilSeconds: crashedRunEnded,
  };
  return { exitCodes, lastRunLines: await tailContainerLogs(docker, container.containerId, lines, secrets, window) };
}
