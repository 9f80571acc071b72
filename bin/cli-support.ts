import { createInterface } from "node:readline/promises";
import { parseArgs, type ParseArgsConfig } from "node:util";

export class UsageError extends Error {}

/** `--port` of the dashboard, as `serve` listens and `open dashboard` looks for it. */
export const DASHBOARD_PORT_OPTION = { type: "string", short: "p", default: process.env.PORT ?? "3000" } as const;

export function parsePort(value: string, option = "--port"): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new UsageError(`${option} must be 1–65535, not "${value}".`);
  }
  return port;
}

/** The dashboard's address; with the token it is the link that logs a browser in. */
export function dashboardUrl(host: string, port: number, token: string | null): string {
  return `http://${host}:${port}/${token ? `?token=${token}` : ""}`;
}

/** node:util parseArgs, with its errors turned into usage errors. */
export function parseOptions<T extends NonNullable<ParseArgsConfig["options"]>>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** A yes/no question on the terminal; without one, `flag` is the way to say yes. */
export async function confirm(question: string, flag = "--yes"): Promise<boolean> {
  if (!process.stdin.isTTY) {
    throw new UsageError(`Not asking for confirmation without a terminal: pass ${flag} to go ahead non-interactively.`);
  }
  const prompt = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return /^y(es)?$/i.test((await prompt.question(`${question} [y/N] `)).trim());
  } finally {
    prompt.close();
  }
}

/** One line typed on the terminal without echo (a password); Ctrl-C cancels. */
function readHiddenLine(prompt: string): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write(prompt);
  return new Promise((resolve, reject) => {
    let value = "";
    const finish = () => {
      stdin.off("data", onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write("\n");
    };
    const onData = (chunk: string) => {
      for (const character of chunk) {
        if (character === "\r" || character === "\n") return (finish(), resolve(value));
        if (character === "\u0003") return (finish(), reject(new UsageError("Cancelled.")));
        value = character === "\u007f" ? value.slice(0, -1) : value + character;
      }
    };
    stdin.setRawMode(true);
    stdin.setEncoding("utf8");
    stdin.on("data", onData);
    stdin.resume();
  });
}

/**
 * A secret for a command: from an environment variable (scripts), typed without echo on a
 * terminal, or the first line of piped stdin. Never from an argument, which `ps` shows.
 */
export async function readSecretInput(variable: string, prompt: string): Promise<string> {
  const fromEnvironment = process.env[variable];
  if (fromEnvironment) return fromEnvironment;
  if (process.stdin.isTTY) return readHiddenLine(prompt);
  const lines = createInterface({ input: process.stdin, terminal: false });
  try {
    for await (const line of lines) return line;
    return "";
  } finally {
    lines.close();
  }
}
