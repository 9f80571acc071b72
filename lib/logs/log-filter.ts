import type { LogLine, LogStreamName } from "./log-line";

export interface LogFilterSettings {
  text: string;
  regex: boolean;
  streams: Record<LogStreamName, boolean>;
}

export type CompiledFilter =
  | { ok: true; active: boolean; matches: (line: Pick<LogLine, "stream">, plainText: string) => boolean }
  | { ok: false; error: string; active: false; matches: (line: Pick<LogLine, "stream">, plainText: string) => boolean };

const MAX_PATTERN_LENGTH = 500;

/**
 * Turn what the user typed into a predicate. Text matches case-insensitively as a substring;
 * a regex is compiled once (case-insensitive). An invalid regex is reported and filters by
 * stream only, so the view never goes blank while the user is still typing.
 */
export function compileFilter(settings: LogFilterSettings): CompiledFilter {
  const { stdout, stderr } = settings.streams;
  const byStream = !(stdout && stderr);
  const streamOk = (line: Pick<LogLine, "stream">) => (line.stream === "stdout" ? stdout : stderr);
  const query = settings.text;
  if (!query) {
    return { ok: true, active: byStream, matches: byStream ? (line) => streamOk(line) : () => true };
  }
  if (settings.regex) {
    if (query.length > MAX_PATTERN_LENGTH) {
      return {
        ok: false,
        error: `The pattern is longer than ${MAX_PATTERN_LENGTH} characters.`,
        active: false,
        matches: (line) => streamOk(line),
      };
    }
    let pattern: RegExp;
    try {
      pattern = new RegExp(query, "i");
    } catch (error) {
      const reason = (error as Error).message.replace(/^Invalid regular expression: /, "");
      return {
        ok: false,
        error: `Invalid regular expression: ${reason}`,
        active: false,
        matches: (line) => streamOk(line),
      };
    }
    return { ok: true, active: true, matches: (line, plain) => streamOk(line) && pattern.test(plain) };
  }
  const needle = query.toLowerCase();
  return { ok: true, active: true, matches: (line, plain) => streamOk(line) && plain.toLowerCase().includes(needle) };
}
