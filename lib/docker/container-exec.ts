import type { Duplex, Readable } from "node:stream";
import { Writable } from "node:stream";
import type Docker from "dockerode";
import { withEngine } from "./docker-client";
import { MyceliumError } from "../errors";

/**
 * Run a program inside a container through the engine's exec API: an argv array (no shell,
 * nothing to quote or inject), optional stdin streamed in, stdout streamed out with
 * back-pressure, stderr collected for the error message, and the real exit code.
 *
 * Without a TTY the engine multiplexes stdout and stderr on one connection: each frame is an
 * 8-byte header (stream type, 3 zero bytes, big-endian payload length) and the payload.
 */

/** Splits the multiplexed exec stream; waits for `stdout` to drain before taking more. */
export class ExecStreamDemuxer extends Writable {
  private pending: Buffer = Buffer.alloc(0);
  private stdoutBytes = 0;

  constructor(
    private readonly stdout: Writable | null,
    private readonly onStderr: (chunk: Buffer) => void,
    private readonly onStdoutBuffered: ((chunk: Buffer) => void) | null = null,
  ) {
    super();
  }

  get bytesOut(): number {
    return this.stdoutBytes;
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    let mustDrain = false;
    while (this.pending.length >= 8) {
      const type = this.pending[0]!;
      const length = this.pending.readUInt32BE(4);
      if (type > 2 || this.pending[1] !== 0 || this.pending[2] !== 0 || this.pending[3] !== 0) {
        callback(new Error("the exec stream is not multiplexed as expected (was a TTY allocated?)"));
        return;
      }
      if (this.pending.length < 8 + length) break;
      const payload = this.pending.subarray(8, 8 + length);
      this.pending = this.pending.subarray(8 + length);
      if (type === 2) {
        this.onStderr(Buffer.from(payload));
      } else if (type === 1) {
        this.stdoutBytes += payload.length;
        if (this.onStdoutBuffered) this.onStdoutBuffered(Buffer.from(payload));
        // Copied: the pending buffer is reused and a consumer may keep the chunk.
        else if (this.stdout && !this.stdout.write(Buffer.from(payload))) mustDrain = true;
      }
    }
    if (mustDrain && this.stdout) this.stdout.once("drain", () => callback());
    else callback();
  }

  override _final(callback: (error?: Error | null) => void): void {
    callback(
      this.pending.length
        ? new Error(`the exec stream ended inside a frame (${this.pending.length} bytes left)`)
        : null,
    );
  }
}

export interface ExecOptions {
  /** Sent to the program's stdin, then closed. */
  stdin?: Readable | Buffer | string;
  /** Where stdout goes; when absent it is collected (up to `maxBufferedStdout`) and returned. */
  stdout?: Writable;
  env?: string[];
  /** Give up (and report) after this long; no limit when absent. */
  timeoutMs?: number;
  maxBufferedStdout?: number;
}

export interface ExecResult {
  exitCode: number;
  /** Collected stdout when no `stdout` stream was given. */
  stdout: string;
  /** The last 64 KiB of stderr. */
  stderr: string;
  stdoutBytes: number;
}

const STDERR_LIMIT = 64 * 1024;

/** The engine's message inside a dockerode rejection. */
function engineMessage(error: unknown): string {
  const e = error as { json?: { message?: string } | null; message?: string };
  return (e.json?.message ?? e.message ?? String(error)).trim();
}

export async function execInContainer(
  docker: Docker,
  containerId: string,
  argv: string[],
  options: ExecOptions = {},
): Promise<ExecResult> {
  const container = docker.getContainer(containerId);
  const withStdin = options.stdin !== undefined;
  const exec = await withEngine(() =>
    container.exec({
      Cmd: argv,
      AttachStdout: true,
      AttachStderr: true,
      AttachStdin: withStdin,
      Tty: false,
      Env: options.env,
    }),
  ).catch((error) => {
    if (error instanceof MyceliumError) throw error;
    throw new MyceliumError(
      "conflict:container_not_running",
      `Could not run ${argv[0]} in the container: ${engineMessage(error)}.`,
      {
        hint: "Check that the stack is running (`mycelium deploy status`), then try again.",
        cause: error,
      },
    );
  });
  const stream = (await withEngine(() => exec.start({ hijack: true, stdin: withStdin }))) as Duplex;

  const stderrChunks: Buffer[] = [];
  let stderrBytes = 0;
  const stdoutChunks: Buffer[] = [];
  let buffered = 0;
  const maxBuffered = options.maxBufferedStdout ?? 1024 * 1024;
  const demuxer = new ExecStreamDemuxer(
    options.stdout ?? null,
    (chunk) => {
      stderrChunks.push(chunk);
      stderrBytes += chunk.length;
      while (stderrBytes - (stderrChunks[0]?.length ?? 0) > STDERR_LIMIT && stderrChunks.length > 1)
        stderrBytes -= stderrChunks.shift()!.length;
    },
    options.stdout
      ? null
      : (chunk) => {
          if (buffered + chunk.length <= maxBuffered) stdoutChunks.push(chunk);
          buffered += chunk.length;
        },
  );

  await new Promise<void>((resolve, reject) => {
    let settled = false;
    const settle = (error?: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) {
        stream.destroy();
        // A file being fed in must not stay open behind a failed exec.
        if (options.stdin && typeof options.stdin === "object" && "destroy" in options.stdin) options.stdin.destroy();
        reject(error);
      } else resolve();
    };
    const timer = options.timeoutMs
      ? setTimeout(
          () =>
            settle(
              new MyceliumError(
                "unavailable:exec_timeout",
                `${argv[0]} did not finish within ${Math.round(options.timeoutMs! / 1000)} s.`,
                {
                  hint: "PostgreSQL may be overloaded or stuck; check `mycelium logs postgres`, then try again.",
                },
              ),
            ),
          options.timeoutMs,
        )
      : undefined;

    // A program that exits without reading all of stdin closes the pipe: the exit code says why.
    stream.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EPIPE" || error.code === "ECONNRESET") return;
      settle(error);
    });
    demuxer.on("error", (error) => settle(error));
    demuxer.on("finish", () => settle());
    options.stdout?.on("error", (error) => settle(error));
    stream.pipe(demuxer);

    if (withStdin) {
      const input = options.stdin!;
      if (typeof input === "string" || Buffer.isBuffer(input)) {
        stream.end(input);
      } else {
        input.on("error", (error) => settle(error));
        // pipe() half-closes the connection at the end: the engine then closes the program's stdin.
        input.pipe(stream);
      }
    }
  });

  const exitCode = await exitCodeOf(exec);
  return {
    exitCode,
    stdout: Buffer.concat(stdoutChunks).toString("utf8"),
    stderr: Buffer.concat(stderrChunks).toString("utf8"),
    stdoutBytes: demuxer.bytesOut,
  };
}

/** The engine may still report the exec as running a moment after its stream closed. */
async function exitCodeOf(exec: Docker.Exec): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const info = await withEngine(() => exec.inspect());
    if (!info.Running && info.ExitCode !== null && info.ExitCode !== undefined) return info.ExitCode;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new MyceliumError(
    "unavailable:exec_state",
    "The Docker engine did not report how the command inside the container ended.",
    {
      hint: "Check `mycelium deploy status`, then try again.",
    },
  );
}
