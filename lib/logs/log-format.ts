import { SERVICE_NAMES } from "../stack/service-names";
import { stripAnsi } from "./ansi";
import type { LogLine } from "./log-line";

/**
 * Service → colour, the same in the page and the CLI: the stack's services and jobs by their
 * place in the registry, other names hashed onto the last colour.
 */
const SGR = [34, 36, 94, 32, 95, 35, 31, 33];
const CSS = ["#60a5fa", "#22d3ee", "#fb923c", "#4ade80", "#a78bfa", "#e879f9", "#f87171", "#facc15"];

export function serviceColourIndex(service: string): number {
  const fixed = (SERVICE_NAMES as readonly string[]).indexOf(service);
  return fixed >= 0 ? fixed : SERVICE_NAMES.length;
}

export const serviceSgr = (service: string) => SGR[serviceColourIndex(service)]!;
export const serviceCss = (service: string) => CSS[serviceColourIndex(service)]!;

/** `HH:MM:SS.mmm` in local time, for the viewer's timestamp column. */
export function formatClock(ts: string): string {
  const date = new Date(`${ts.slice(0, 23)}Z`);
  if (Number.isNaN(date.getTime())) return ts;
  const pad = (n: number, width = 2) => String(n).padStart(width, "0");
  return (
    `${pad(date.getHours())}:${pad(date.getMinutes())}:` + `${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`
  );
}

/** Columns a line takes in a monospace font: tabs to the next multiple of 8. */
export function displayColumns(text: string): number {
  if (!text.includes("\t")) return text.length;
  let columns = 0;
  for (const char of text) columns = char === "\t" ? columns + 8 - (columns % 8) : columns + 1;
  return columns;
}

/** One line as plain text (the download, a non-TTY CLI): `ts service stream | text`. */
export function formatPlainLine(line: LogLine): string {
  return `${line.ts} ${line.service} ${line.stream} | ${stripAnsi(line.text)}`;
}

/**
 * One line for `mycelium logs`: `service | text`, the prefix padded to the widest service
 * and coloured on a terminal. The text's own colours are kept on a terminal, removed otherwise.
 */
export function formatCliLine(
  line: LogLine,
  { colour, width, timestamps }: { colour: boolean; width: number; timestamps: boolean },
): string {
  const name = line.service.padEnd(width);
  const prefix = colour ? `\x1b[${serviceSgr(line.service)}m${name} |\x1b[0m` : `${name} |`;
  const stamp = timestamps ? `${line.ts} ` : "";
  return (
    `${prefix} ` +
    `${stamp}${colour ? line.text : stripAnsi(line.text)}${colour && line.text.includes("\x1b") ? "\x1b[0m" : ""}`
  );
}
