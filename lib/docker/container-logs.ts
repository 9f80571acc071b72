import type Docker from "dockerode";
import { redactSecrets } from "../security/redact";
import { withEngine } from "./docker-client";

/**
 * The last lines a container wrote (stdout and stderr, demultiplexed), redacted. Asks the
 * engine for `tail` lines only: never reads a whole log. `sinceSeconds` keeps only lines of
 * the current run, so a crash that was fixed does not haunt the diagnosis. With `untilSeconds`
 * (lines of a run before the current one) the engine reads the window `sinceSeconds` to
 * `untilSeconds` whole, since it applies `tail` before `until`; the caller bounds that window.
 */
export async function tailContainerLogs(
  docker: Docker,
  containerId: string,
  lines: number,
  secrets: readonly string[] = [],
  { sinceSeconds, untilSeconds }: { sinceSeconds?: number; untilSeconds?: number } = {},
): Promise<string[]> {
  const container = docker.getContainer(containerId);
  const info = await withEngine(() => container.inspect());
  const raw = await withEngine(() =>
    container.logs({
      stdout: true,
      stderr: true,
      ...(untilSeconds ? {} : { tail: lines }),
      follow: false,
      // In fractional seconds, as the engine reads them: a crash a moment before a restart is not of the new run.
      ...(sinceSeconds ? { since: sinceSeconds.toFixed(3) } : {}),
      ...(untilSeconds ? { until: untilSeconds.toFixed(3) } : {}),
    }),
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
    frames.push({
      stream: type === 2 ? "stderr" : "stdout",
      text: buffer.toString("utf8", offset + 8, offset + 8 + length),
    });
    offset += 8 + length;
  }
  return frames;
}
