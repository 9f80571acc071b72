import { describe, expect, it } from "vitest";
import { DockerLogParser, MAX_LINE_BYTES, parseDockerLogs } from "./docker-log-parser";

function frame(type: number, text: string | Buffer): Buffer {
  const body = Buffer.isBuffer(text) ? text : Buffer.from(text);
  const header = Buffer.alloc(8);
  header[0] = type;
  header.writeUInt32BE(body.length, 4);
  return Buffer.concat([header, body]);
}

const T1 = "2024-05-01T12:00:00.000000001Z";
const T2 = "2024-05-01T12:00:00.000000002Z";
const T3 = "2024-05-01T12:00:01.5Z";

describe("DockerLogParser", () => {
  it("splits framed stdout and stderr into lines with Docker's timestamps", () => {
    const buffer = Buffer.concat([frame(1, `${T1} out 1\n`), frame(2, `${T2} err 1\n`), frame(1, `${T3} out 2\r\n`)]);
    expect(parseDockerLogs(buffer, false)).toEqual([
      { stream: "stdout", ts: T1, text: "out 1" },
      { stream: "stderr", ts: T2, text: "err 1" },
      { stream: "stdout", ts: "2024-05-01T12:00:01.500000000Z", text: "out 2" },
    ]);
  });

  it("reassembles frames cut anywhere by the HTTP chunks, multi-byte characters included", () => {
    const whole = Buffer.concat([frame(1, `${T1} héllo wörld ✓\n`), frame(2, `${T2} second\n`)]);
    for (let cut = 1; cut < whole.length; cut++) {
      const parser = new DockerLogParser(false);
      const lines = [...parser.push(whole.subarray(0, cut)), ...parser.push(whole.subarray(cut)), ...parser.end()];
      expect(
        lines.map((l) => l.text),
        `cut at ${cut}`,
      ).toEqual(["héllo wörld ✓", "second"]);
    }
  });

  it("joins a partial message (no newline) with its continuation, keeping the first timestamp", () => {
    const euro = Buffer.from("€");
    const buffer = Buffer.concat([
      frame(1, Buffer.concat([Buffer.from(`${T1} price 5`), euro.subarray(0, 1)])),
      frame(2, `${T2} interleaved\n`),
      frame(1, Buffer.concat([Buffer.from(`${T3} `), euro.subarray(1), Buffer.from(" total\n")])),
    ]);
    expect(parseDockerLogs(buffer, false)).toEqual([
      { stream: "stderr", ts: T2, text: "interleaved" },
      { stream: "stdout", ts: T1, text: "price 5€ total" },
    ]);
  });

  it("keeps empty lines and emits an unterminated last line at the end", () => {
    const parser = new DockerLogParser(false);
    expect(parser.push(Buffer.concat([frame(1, `${T1} \n`), frame(1, `${T2} tail without newline`)]))).toEqual([
      { stream: "stdout", ts: T1, text: "" },
    ]);
    expect(parser.end()).toEqual([{ stream: "stdout", ts: T2, text: "tail without newline" }]);
  });

  it("cuts an endless line (Docker's 16 KiB partial messages) into pieces instead of holding it", () => {
    const parser = new DockerLogParser(false);
    const piece = 16 * 1024;
    const partials = Array.from({ length: MAX_LINE_BYTES / piece + 1 }, () => frame(1, `${T1} ${"x".repeat(piece)}`));
    const lines = parser.push(Buffer.concat(partials));
    expect(lines).toHaveLength(1);
    expect(lines[0]!.text).toHaveLength(MAX_LINE_BYTES);
    expect(parser.end()[0]!.text).toHaveLength(piece);
  });

  it("reads TTY output (unframed) line by line across chunks", () => {
    const parser = new DockerLogParser(true);
    const lines = [
      ...parser.push(Buffer.from(`${T1} \x1b[32mgreen\x1b[0m\r\n${T2} par`)),
      ...parser.push(Buffer.from("tial\n")),
      ...parser.end(),
    ];
    expect(lines).toEqual([
      { stream: "stdout", ts: T1, text: "\x1b[32mgreen\x1b[0m" },
      { stream: "stdout", ts: T2, text: "partial" },
    ]);
  });

  it("gives a line without a timestamp the current time rather than dropping it", () => {
    const [line] = parseDockerLogs(frame(1, "no timestamp here\n"), false);
    expect(line!.text).toBe("no timestamp here");
    expect(line!.ts).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z$/);
  });
});
