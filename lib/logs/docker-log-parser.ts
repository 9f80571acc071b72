import { normaliseTimestamp, timestampFromMillis, type LogStreamName } from "./log-line";

/** A line as read from Docker, before it is given a service name and redacted. */
export interface ParsedLogLine {
  stream: LogStreamName;
  ts: string;
  text: string;
}

/** Longest line kept whole; longer output is cut into pieces of this size. */
export const MAX_LINE_BYTES = 64 * 1024;

const NEWLINE = 0x0a;
const SPACE = 0x20;
/** `2024-05-01T12:00:00.123456789Z` is 30 bytes; offsets like +01:00 make it a few longer. */
const MAX_TIMESTAMP_BYTES = 40;

/**
 * Incremental parser for a `logs?timestamps=1` response, chunk by chunk as it arrives.
 * Non-TTY containers send frames (8-byte header: stream type, 3 zero bytes, big-endian
 * length) that can be split anywhere by HTTP chunking; each frame is one message that
 * starts with Docker's timestamp and a space. A message without a trailing newline is a
 * partial line (Docker cuts lines at 16 KiB) that the next message of the same stream
 * continues, again behind its own timestamp. TTY containers send the same messages unframed.
 * Text is decoded as UTF-8 only once a line is complete, so multi-byte characters cut by a
 * frame or chunk boundary survive.
 */
export class DockerLogParser {
  private leftover: Buffer = Buffer.alloc(0);
  private readonly partial: Record<LogStreamName, { ts: string; bytes: Buffer[]; size: number } | null> = {
    stdout: null,
    stderr: null,
  };

  constructor(private readonly tty: boolean) {}

  push(chunk: Buffer): ParsedLogLine[] {
    const lines: ParsedLogLine[] = [];
    if (this.tty) {
      this.readMessages("stdout", this.takeLeftover(chunk), lines, true);
      return lines;
    }
    const buffer = this.takeLeftover(chunk);
    let offset = 0;
    while (offset + 8 <= buffer.length) {
      const type = buffer[offset]!;
      const length = buffer.readUInt32BE(offset + 4);
      if (offset + 8 + length > buffer.length) break;
      // 0 is stdin (never sent for logs); anything above 2 means the data is not framed.
      const stream: LogStreamName = type === 2 ? "stderr" : "stdout";
      this.readMessage(stream, buffer.subarray(offset + 8, offset + 8 + length), lines);
      offset += 8 + length;
    }
    this.leftover = offset < buffer.length ? Buffer.from(buffer.subarray(offset)) : Buffer.alloc(0);
    return lines;
  }

  /** The partial lines still held (the stream ended without a final newline). */
  end(): ParsedLogLine[] {
    const lines: ParsedLogLine[] = [];
    if (this.tty && this.leftover.length > 0) this.readMessages("stdout", this.leftover, lines, false);
    this.leftover = Buffer.alloc(0);
    for (const stream of ["stdout", "stderr"] as const) this.emitPartial(stream, lines);
    return lines;
  }

  private takeLeftover(chunk: Buffer): Buffer {
    if (this.leftover.length === 0) return chunk;
    const joined = Buffer.concat([this.leftover, chunk]);
    this.leftover = Buffer.alloc(0);
    return joined;
  }

  /** TTY: the messages are only separated by newlines; keep an unterminated tail for later. */
  private readMessages(stream: LogStreamName, buffer: Buffer, lines: ParsedLogLine[], keepTail: boolean): void {
    let start = 0;
    for (;;) {
      const newline = buffer.indexOf(NEWLINE, start);
      if (newline === -1) break;
      this.readMessage(stream, buffer.subarray(start, newline + 1), lines);
      start = newline + 1;
    }
    if (start < buffer.length) {
      if (keepTail && buffer.length - start < MAX_LINE_BYTES) this.leftover = Buffer.from(buffer.subarray(start));
      else this.readMessage(stream, buffer.subarray(start), lines);
    }
  }

  /** One message: a timestamp, a space, then text that may hold a newline at its end (or inside). */
  private readMessage(stream: LogStreamName, message: Buffer, lines: ParsedLogLine[]): void {
    let { ts, body } = splitTimestamp(message);
    let start = 0;
    while (start < body.length) {
      const newline = body.indexOf(NEWLINE, start);
      const end = newline === -1 ? body.length : newline;
      this.appendPartial(stream, ts, body.subarray(start, end), lines);
      if (newline === -1) return;
      this.emitPartial(stream, lines);
      start = newline + 1;
      // Should Docker ever pack several messages into one frame, each keeps its timestamp.
      if (start < body.length) {
        const next = splitTimestamp(body.subarray(start));
        if (next.ts) {
          ts = next.ts;
          body = next.body;
          start = 0;
        }
      }
    }
  }

  private appendPartial(stream: LogStreamName, ts: string | null, bytes: Buffer, lines: ParsedLogLine[]): void {
    let partial = this.partial[stream];
    if (!partial) {
      // Asked with timestamps=1 every message has one; the clock is only a fallback.
      partial = { ts: ts ?? timestampFromMillis(Date.now()), bytes: [], size: 0 };
      this.partial[stream] = partial;
    }
    if (bytes.length === 0) return;
    partial.bytes.push(bytes);
    partial.size += bytes.length;
    if (partial.size >= MAX_LINE_BYTES) this.emitPartial(stream, lines);
  }

  private emitPartial(stream: LogStreamName, lines: ParsedLogLine[]): void {
    const partial = this.partial[stream];
    if (!partial) return;
    this.partial[stream] = null;
    const bytes = partial.bytes.length === 1 ? partial.bytes[0]! : Buffer.concat(partial.bytes);
    let text = bytes.toString("utf8");
    if (text.endsWith("\r")) text = text.slice(0, -1);
    lines.push({ stream, ts: partial.ts, text });
  }
}

function splitTimestamp(message: Buffer): { ts: string | null; body: Buffer } {
  const space = message.indexOf(SPACE);
  if (space > 0 && space <= MAX_TIMESTAMP_BYTES) {
    const ts = normaliseTimestamp(message.toString("latin1", 0, space));
    if (ts) return { ts, body: message.subarray(space + 1) };
  }
  return { ts: null, body: message };
}

/** Parse a whole (non-follow) response at once. */
export function parseDockerLogs(buffer: Buffer, tty: boolean): ParsedLogLine[] {
  const parser = new DockerLogParser(tty);
  return [...parser.push(buffer), ...parser.end()];
}
