import { promises as fs } from "node:fs";
import path from "node:path";
import { resolveStateDirectory, type Environment } from "../config/config-location";
import { writeFileAtomic } from "../fs/atomic-write";
import type { CheckStatus } from "./validation-check";
import type { OverallStatus, ValidationReport } from "./validation-report";

/** Runs kept for the health page's timeline. */
export const HISTORY_LIMIT = 100;

/** One run, compact: enough for a timeline and "what changed", without logs or details. */
export interface ValidationHistoryEntry {
  at: string;
  project: string | null;
  status: OverallStatus;
  canProceed: boolean;
  durationMs: number;
  counts: Record<CheckStatus, number>;
  rootCause: { id: string; message: string } | null;
  checks: { id: string; status: CheckStatus; message: string; durationMs: number }[];
}

/** `$XDG_STATE_HOME/mycelium/validation-history.jsonl`, else `~/.local/state/mycelium/…`. */
export function validationHistoryPath(env: Environment = process.env): string {
  return path.join(resolveStateDirectory(env), "validation-history.jsonl");
}

export function toHistoryEntry(report: ValidationReport): ValidationHistoryEntry {
  const root = report.rootCause();
  return {
    at: report.startedAt,
    project: report.project,
    status: report.status,
    canProceed: report.canProceed(),
    durationMs: report.durationMs,
    counts: report.counts(),
    rootCause: root ? { id: root.id, message: root.message } : null,
    checks: report.checks.map(({ id, status, message, durationMs }) => ({ id, status, message, durationMs })),
  };
}

function parseLines(text: string): ValidationHistoryEntry[] {
  const entries: ValidationHistoryEntry[] = [];
  for (const line of text.split("\n")) {
    if (!line.trim()) continue;
    try {
      const entry = JSON.parse(line) as ValidationHistoryEntry;
      if (typeof entry.at === "string" && typeof entry.status === "string") entries.push(entry);
    } catch {
      // A torn or hand-edited line is dropped, not fatal: the history is a convenience.
    }
  }
  return entries;
}

async function readEntries(file: string): Promise<ValidationHistoryEntry[]> {
  try {
    return parseLines(await fs.readFile(file, "utf8"));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
}

/** Appends from one process are serialised so two quick runs do not drop each other's line. */
const queues = new Map<string, Promise<unknown>>();

export interface HistoryOptions {
  env?: Environment;
  /** Overrides the location (tests). */
  file?: string;
  limit?: number;
}

/**
 * Add a run and keep the newest `limit` (100). The file is rewritten whole through a temp
 * file and a rename, so a reader never sees a half-trimmed history.
 */
export async function recordValidation(report: ValidationReport, options: HistoryOptions = {}): Promise<void> {
  const file = options.file ?? validationHistoryPath(options.env);
  const limit = options.limit ?? HISTORY_LIMIT;
  const previous = queues.get(file) ?? Promise.resolve();
  const next = previous
    .catch(() => undefined)
    .then(async () => {
      const entries = [...(await readEntries(file)), toHistoryEntry(report)].slice(-limit);
      await writeFileAtomic(file, entries.map((entry) => JSON.stringify(entry)).join("\n") + "\n", { mode: 0o600 });
    });
  queues.set(file, next);
  try {
    await next;
  } finally {
    if (queues.get(file) === next) queues.delete(file);
  }
}

/** The newest runs first, at most `limit`. */
export async function readValidationHistory(options: HistoryOptions = {}): Promise<ValidationHistoryEntry[]> {
  const file = options.file ?? validationHistoryPath(options.env);
  return (await readEntries(file)).reverse().slice(0, options.limit ?? HISTORY_LIMIT);
}
