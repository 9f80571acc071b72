import type { LogLine } from "./log-line";

/**
 * Whether a line reports an error, by the forms the stack's images actually write:
 * Temporal's JSON/logfmt `"level":"error"` / `level=error`, PostgreSQL's `ERROR:` / `FATAL:` /
 * `PANIC:`, Go's `panic:`, and stderr lines that mention an error.
 */
const LEVEL_ERROR = /\blevel["']?\s*[=:]\s*["']?(?:error|fatal|panic|crit(?:ical)?)\b/i;
const SHOUTED = /\b(?:ERROR|FATAL|PANIC)\b/;
const GO_PANIC = /\bpanic\b/;
const MENTIONS_ERROR = /error/i;

export function isErrorLine(line: Pick<LogLine, "stream" | "text">, plainText: string = line.text): boolean {
  if (LEVEL_ERROR.test(plainText) || SHOUTED.test(plainText) || GO_PANIC.test(plainText)) return true;
  return line.stream === "stderr" && MENTIONS_ERROR.test(plainText);
}
