import { MyceliumError } from "../lib/errors";
import { printUsage, UsageError } from "./cli-support";

type Command = (args: string[]) => Promise<number>;

/**
 * Each command's code is loaded only when it runs: `config validate` never loads dockerode,
 * pg or the Temporal client, which is most of the CLI's start time.
 */
const COMMANDS: Record<string, () => Promise<Command>> = {
  config: async () => (await import("./commands/config-command")).runConfigCommand,
  deploy: async () => (await import("./commands/deploy-command")).runDeployCommand,
  validate: async () => (await import("./commands/validate-command")).runValidateCommand,
  namespace: async () => (await import("./commands/namespace-command")).runNamespaceCommand,
  "support-bundle": async () => (await import("./commands/support-bundle-command")).runSupportBundleCommand,
  serve: async () => (await import("./commands/serve-command")).runServeCommand,
  logs: async () => (await import("./commands/logs-command")).runLogsCommand,
  backup: async () => (await import("./commands/backup-command")).runBackupCommand,
  password: async () => (await import("./commands/password-command")).runPasswordCommand,
};

/** Exit codes: 0 success, 1 the thing checked is not fine, 2 usage or environment error. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command !== undefined && Object.hasOwn(COMMANDS, command)) return await (await COMMANDS[command]!())(rest);
    switch (command) {
      case undefined:
      case "help":
      case "--help":
      case "-h":
        printUsage();
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`Unknown command "${command}".`);
    }
  } catch (error) {
    return reportCliError(error);
  }
}

function reportCliError(error: unknown): number {
  if (error instanceof UsageError) {
    console.error(`mycelium: ${error.message}`);
    console.error("Run `mycelium help` for the commands.");
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
