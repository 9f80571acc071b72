import { runConfigCommand } from "./commands/config-command";
import { runDeployCommand } from "./commands/deploy-command";
import { runNamespaceCommand } from "./commands/namespace-command";
import { runValidateCommand } from "./commands/validate-command";
import { runLogsCommand } from "./commands/logs-command";
import { runServeCommand } from "./commands/serve-command";
import { runBackupCommand } from "./commands/backup-command";
import { runPasswordCommand } from "./commands/password-command";
import { runSupportBundleCommand } from "./commands/support-bundle-command";
import { printUsage, UsageError } from "./cli-support";

/** Exit codes: 0 success, 1 the thing checked is not fine, 2 usage or environment error. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case "config":
        return await runConfigCommand(rest);
      case "deploy":
        return await runDeployCommand(rest);
      case "validate":
        return await runValidateCommand(rest);
      case "namespace":
        return await runNamespaceCommand(rest);
      case "support-bundle":
        return await runSupportBundleCommand(rest);
      case "serve":
        return await runServeCommand(rest);
      case "logs":
        return await runLogsCommand(rest);
      case "backup":
        return await runBackupCommand(rest);
      case "password":
        return await runPasswordCommand(rest);
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
  if (error && typeof error === "object" && "code" in error && "message" in error && (error as { name?: string }).name === "MyceliumError") {
    return { message: String(error.message), hint: (error as { hint?: string }).hint };
  }
  return { message: "Mycelium hit an unexpected error.", hint: error instanceof Error ? error.message : String(error) };
}
