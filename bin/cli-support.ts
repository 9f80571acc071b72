import { createInterface } from "node:readline/promises";
import { parseArgs, type ParseArgsConfig } from "node:util";

export class UsageError extends Error {}

export const USAGE = `Usage: mycelium <command> [options]

Dashboard
  serve [--port 3000] [--no-token]         start the dashboard on 127.0.0.1 and print its
                                           access link; --no-token: no link needed (for a
                                           single-user machine); --print-url: only print it
        [--host H --allow-remote]          listen elsewhere (other machines can reach it)

Configuration
  config validate [--file F] [--json]      check the config file; exit 0 valid, 1 invalid
  config init [--file F] [--force]         write a commented default config
  config path                              print where the config file is read from

Deployment
  deploy start [--yes] [--use-free-ports]  detect, plan, generate and start the stack
  deploy status [--json]                   state, health, ports, uptime of each container
  deploy stop                              stop the containers (data kept)
  deploy down [--remove-data PROJECT]      remove containers and network; data only when
                                           the project name is typed after --remove-data
  deploy reuse-postgres --user NAME        use the PostgreSQL already on the configured port
                                           (password from MYCELIUM_POSTGRES_PASSWORD or stdin)

Logs
  logs [service…] [-f] [--tail N] [-t]     last N lines (default 100) of the services, merged
                                           with a service prefix; -f follows until Ctrl-C

Maintenance
  backup create [--json]                   pg_dump Temporal's databases into a new backup
  backup list [--json]                     the project's backups, newest first
  backup restore ID --confirm PROJECT      replace the current data with backup ID (Temporal
                 [--no-safety-backup]      stops meanwhile; the current data is backed up first)
  password rotate [--yes] [--show]         give PostgreSQL a new generated password, save it in
                                           .env and recreate the containers using it

Health
  validate [--json] [--junit FILE]         run every check; exit 0 healthy, 1 degraded,
           [--watch [--interval S]]        2 cannot proceed; --watch repeats (default 60 s)
  namespace list [--json]                  the Temporal namespaces
  namespace register NAME [--retention H] [--description TEXT]
                                           register a namespace (retention ≥ 1 h, default 72)

Support
  support-bundle [--out DIR]               write an archive for a bug report: health
                                           report, config, generated files, container
                                           states and recent logs, secrets redacted

The config file is $MYCELIUM_CONFIG, else $XDG_CONFIG_HOME/mycelium/config.yaml,
else ~/.config/mycelium/config.yaml.`;

export function printUsage(): void {
  console.log(USAGE);
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
