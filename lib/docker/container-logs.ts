import type Docker from "dockerode";
import { redactSecrets } from "../security/redact";
import { withEngine } from "./docker-client";

/**
 * The last lines a container wrote (stdout and stderr, demultiplexed), redacted. Asks the
 * engine for `tail` lines only: never reads a whole log. `sinceSeconds` keeps only lines of
 * the current run, so a crash that was fixed does not haunt the diagnosis.
 */
export async function tailContainerLogs(
  docker: Docker,
  containerId: string,
  lines: number,
  secrets: readonly string[] = [],
  { sinceSeconds }: { sinceSeconds?: number } = {},
): Promise<string[]> {
  const container = docker.getContainer(containerId);
  const info = await withEngine(() => container.inspect());
  const raw = await withEngine(() =>
    container.logs({ stdout: true, stderr: true, tail: lines, follow: false, ...(sinceSeconds ? { since: Math.floor(sinceSeconds) } : {}) }),
  );
  const buffer = Buffer.isBuffer(raw) ? raw : Buffer.from(String(raw));
  const text = info.Config.Tty
    ? buffer.toString("utf8")
    : demultiplexLogFrames(buffer)
        .map((frame) => frame.text)
        .join("");
  return redactSecrets(text, secrets)
    .split("\n")
    .map((line) => line.replace(/\r$/, ""))
    .filter((line) => line.length > 0)
    .slice(-lines);
}

/**
 * Non-TTY logs come framed: an 8-byte header (stream type, 3 zero bytes, big-endian length)
 * before each chunk. Returns the chunks in order, stdout and stderr merged.
 */
export function demultiplexLogFrames(buffer: Buffer): { stream: "stdout" | "stderr"; text: string }[] {
  const frames: { stream: "stdout" | "stderr"; text: string }[] = [];
  let offset = 0;
  while (offset + 8 <= buffer.length) {
    const type = buffer[offset]!;
    const length = buffer.readUInt32BE(offset + 4);
    if (type > 2 || offset + 8 + length > buffer.length) break;
    frames.push({ stream: type === 2 ? "stderr" : "stdout", text: buffer.toString("utf8", offset + 8, offset + 8 + length) });
    offset += 8 + length;
  }
  return frames;
}
