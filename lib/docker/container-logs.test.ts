import { describe, expect, it } from "vitest";
import { demultiplexLogFrames } from "./container-logs";

function frame(type: number, text: string): Buffer {
  const body = Buffer.from(text);
  const header = Buffer.alloc(8);
  header[0] = type;
  header.writeUInt32BE(body.length, 4);
  return Buffer.concat([header, body]);
}

describe("demultiplexLogFrames", () => {
  it("splits stdout and stderr frames in order", () => {
    const buffer = Buffer.concat([frame(1, "out 1\n"), frame(2, "err 1\n"), frame(1, "out 2\n")]);
    expect(demultiplexLogFrames(buffer)).toEqual([
      { stream: "stdout", text: "out 1\n" },
      { stream: "stderr", text: "err 1\n" },
      { stream: "stdout", text: "out 2\n" },
    ]);
  });
  it("stops at a truncated frame instead of reading past the buffer", () => {
    const whole = frame(1, "complete\n");
    const partial = frame(2, "cut off here").subarray(0, 12);
    expect(demultiplexLogFrames(Buffer.concat([whole, partial]))).toEqual([{ stream: "stdout", text: "complete\n" }]);
  });
});
