import { matchLogLine } from "../diagnose/match-log-line";
import { stripAnsi } from "./ansi";
import { isErrorLine } from "./error-classifier";
import type { LogLine } from "./log-line";

/**
 * An error line that matches a known failure, with a link to it: done on the server, so the
 * browser need not ship the knowledge base.
 */
export function withDiagnosis(line: LogLine): LogLine {
  if (!isErrorLine(line, stripAnsi(line.text))) return line;
  const diagnosis = matchLogLine(line.service, stripAnsi(line.text));
  return diagnosis ? { ...line, diagnosis } : line;
}
