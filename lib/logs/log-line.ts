/**
 * One log line as the API, the page and the CLI see it. `ts` is Docker's own timestamp
 * (RFC 3339, UTC, nanoseconds: `2024-05-01T12:00:00.123456789Z`), normalised to a fixed width
 * so that string order is time order.
 */
export type LogStreamName = "stdout" | "stderr";

export interface LogLine {
  service: string;
  stream: LogStreamName;
  ts: string;
  text: string;
  /** For an error line that matches a known failure: its entry in the health report (set by the server). */
  diagnosis?: { id: string; title: string };
}

export const DOCKER_TIMESTAMP = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:\d\d)$/;

/** `2024-05-01T12:00:00.1Z` → `2024-05-01T12:00:00.100000000Z`; null when it is not a timestamp. */
export function normaliseTimestamp(value: string): string | null {
  const match = DOCKER_TIMESTAMP.exec(value);
  if (!match) return null;
  const [, seconds, fraction = "", zone] = match;
  const nanos = fraction.padEnd(9, "0");
  if (zone === "Z") return `${seconds}.${nanos}Z`;
  // Docker writes UTC; an offset (another engine, a hand-written value) is converted.
  const millis = Date.parse(`${seconds}${zone}`);
  if (Number.isNaN(millis)) return null;
  return `${new Date(millis).toISOString().slice(0, 19)}.${nanos}Z`;
}

/**
 * The `since`/`until` value Docker's API takes with full precision: `<unix seconds>.<nanos>`.
 * (An ISO value would be cut to milliseconds or misread by older engines.)
 */
export function toDockerTime(ts: string): string {
  const normalised = normaliseTimestamp(ts);
  if (!normalised) throw new Error(`not a timestamp: ${ts}`);
  const seconds = Date.parse(`${normalised.slice(0, 19)}Z`) / 1000;
  return `${seconds}.${normalised.slice(20, 29)}`;
}

/** A wall-clock time in milliseconds as a fixed-width timestamp. */
export function timestampFromMillis(millis: number): string {
  const iso = new Date(millis).toISOString();
  return `${iso.slice(0, 23)}000000Z`;
}

/** Milliseconds since the epoch of a fixed-width timestamp (sub-millisecond part dropped). */
export function millisOf(ts: string): number {
  return Date.parse(`${ts.slice(0, 23)}Z`);
}

export const compareLines = (a: LogLine, b: LogLine): number => (a.ts < b.ts ? -1 : a.ts > b.ts ? 1 : 0);

/** Stable merge of several already-ordered lists (or any lists) into time order. */
export function mergeByTime(...lists: LogLine[][]): LogLine[] {
  // Array.prototype.sort is stable, and runs of ordered input keep it close to linear.
  return lists.flat().sort(compareLines);
}
