import { PassThrough, Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { ExecStreamDemuxer } from "./container-exec";

function frame(type: number, payload: string | Buffer): Buffer {
  const body = Buffer.isBuffer(payload) ? payload : Buffer.from(payload);
  const header = Buffer.alloc(8);
  header[0] = type;
  header.writeUInt32BE(body.length, 4);
  return Buffer.concat([header, body]);
}

async function feed(demuxer: ExecStreamDemuxer, chunks: Buffer[]): Promise<void> {
  // A stream that fails emits "error" too: listened to here, reported through the callbacks.
  demuxer.on("error", () => undefined);
  for (const chunk of chunks)
    await new Promise<void>((resolve, reject) => demuxer.write(chunk, (error) => (error ? reject(error) : resolve())));
  await new Promise<void>((resolve, reject) => {
    demuxer.once("error", reject);
    demuxer.end(resolve);
  });
}

describe("ExecStreamDemuxer", () => {
  it("separates stdout from stderr, with frames split anywhere", async () => {
    const binary = Buffer.from([0, 1, 2, 255, 8, 0, 0, 0]);
    const wire = Buffer.concat([frame(1, binary), frame(2, "warning\n"), frame(1, "rest"), frame(2, "bye")]);
    for (const size of [1, 3, 7, 8, 9, wire.length]) {
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      const stdout = new Writable({ write: (chunk, _e, cb) => (out.push(chunk), cb()) });
      const demuxer = new ExecStreamDemuxer(stdout, (chunk) => err.push(chunk));
      const chunks = [];
      for (let i = 0; i < wire.length; i += size) chunks.push(wire.subarray(i, i + size));
      await feed(demuxer, chunks);
      expect(Buffer.concat(out).equals(Buffer.concat([binary, Buffer.from("rest")]))).toBe(true);
      expect(Buffer.concat(err).toString()).toBe("warning\nbye");
      expect(demuxer.bytesOut).toBe(binary.length + 4);
    }
  });

  it("waits for a slow stdout to drain before taking more", async () => {
    const stdout = new PassThrough({ highWaterMark: 4 });
    const demuxer = new ExecStreamDemuxer(stdout, () => undefined);
    let accepted = false;
    demuxer.write(frame(1, "0123456789"), () => (accepted = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(accepted).toBe(false);
    stdout.read();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(accepted).toBe(true);
  });

  it("fails on a stream that is not multiplexed, and on a truncated frame", async () => {
    await expect(
      feed(new ExecStreamDemuxer(null, () => undefined), [Buffer.from("plain text, a TTY stream")]),
    ).rejects.toThrow(/not multiplexed/);
    await expect(
      feed(new ExecStreamDemuxer(null, () => undefined), [frame(1, "abcdef").subarray(0, 10)]),
    ).rejects.toThrow(/ended inside a frame/);
  });
});
