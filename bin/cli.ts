import { version } from "../package.json";
import { MyceliumError } from "../lib/errors";
import type { ProjectContext } from "../lib/stack/project-context";
import { UsageError } from "./cli-support";
import { commandUsage, fullUsage, isCommandName, type CommandName } from "./command-usage";

/** A command resolves its own context when none is given (each loads only what it needs). */
type Command = (args: string[], context?: ProjectContext) => Promise<number>;

/**
 * Each command's code is loaded only when it runs: `config validate` never loads dockerode,
 * pg or the Temporal client, which is most of the CLI's start time. The build keeps each
 * `import()` a chunk of its own (scripts/build-cli.mjs).
 */
export const COMMANDS: Record<CommandName, () => Promise<Command>> = {
  config: async () => (await import("./commands/config-command")).runConfigCommand,
  deploy: async () => (await import("./commands/deploy-command")).runDeployCommand,
  validate: async () => (await import("./commands/validate-command")).runValidateCommand,
  fix: async () => (await import("./commands/fix-command")).runFixCommand,
  namespace: async () => (await import("./commands/namespace-command")).runNamespaceCommand,
  "support-bundle": async () => (await import("./commands/support-bundle-command")).runSupportBundleCommand,
  serve: async () => (await import("./commands/serve-command")).runServeCommand,
  logs: async () => (await import("./commands/logs-command")).runLogsCommand,
  backup: async () => (await import("./commands/backup-command")).runBackupCommand,
  password: async () => (await import("./commands/password-command")).runPasswordCommand,
  env: async () => (await import("./commands/env-command")).runEnvCommand,
  open: async () => (await import("./commands/open-command")).runOpenCommand,
  upgrade: async () => (await import("./commands/upgrade-command")).runUpgradeCommand,
  export: async () => (await import("./commands/export-command")).runExportCommand,
};

const HELP_FLAGS = new Set(["--help", "-h"]);

/** `--help` or `-h` among a command's arguments (before a `--`, after which arguments are data). */
function asksForHelp(args: readonly string[]): boolean {
  const end = args.indexOf("--");
  return (end === -1 ? args : args.slice(0, end)).some((arg) => HELP_FLAGS.has(arg));
}

function printHelp(topic: string | undefined): number {
  if (topic === undefined) {
    console.log(fullUsage());
    return 0;
  }
  if (!isCommandName(topic)) throw new UsageError(`Unknown command "${topic}".`);
  console.log(commandUsage(topic));
  return 0;
}

/**
 * Exit codes: 0 success, 1 the thing checked is not fine, 2 usage or environment error.
 * `context` replaces the one the environment names (tests).
 */
export async function main(argv: string[], context?: ProjectContext): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined) {
      console.log(fullUsage());
      return 2;
    }
    if (command === "help") return printHelp(rest[0]);
    if (HELP_FLAGS.has(command)) return printHelp(undefined);
    if (command === "--version") {
      console.log(version);
      return 0;
    }
    if (!isCommandName(command)) throw new UsageError(`Unknown command "${command}".`);
    if (asksForHelp(rest)) return printHelp(command);
    return await (
      await COMMANDS[command]()
    )(rest, context);
  } catch (error) {
    return reportCliError(error, command !== undefined && isCommandName(command) ? command : undefined);
  }
}

function reportCliError(error: unknown, command: CommandName | undefined): number {
  if (error instanceof UsageError) {
    console.error(`mycelium: ${error.message}`);
    console.error(
      command ? `Run \`mycelium help ${command}\` for its usage.` : "Run `mycelium help` for the commands.",
    );
    return 2;
  }
  const { message, hint } = describeError(error);
  console.error(`✗ ${message}`);
  if (hint) console.error(`  ${hint}`);
  return 2;
}

function describeError(error: unknown): { message: string; hint?: string } {
  if (error instanceof MyceliumError) return { message: error.message, hint: error.hint };
  return { message: "Mycelium hit an unexpected error.", hint: error instanceof Error ? error.message : String(error) };
}
