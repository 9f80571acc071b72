import path from "node:path";
import { resolveProjectPaths } from "../../lib/config/config-location";
import type { ProjectContext } from "../../lib/stack/project-context";
import { loadConfig } from "../../lib/config/config-service";
import { computeEtag, readStoredConfig, writeStoredConfig } from "../../lib/config/config-store";
import { formatConfigSummary, formatFindings } from "../../lib/config/config-summary";
import { renderDefaultConfigYaml } from "../../lib/config/default-config";
import { parseOptions, UsageError } from "../cli-support";

/** Only the paths: the config commands work without an engine, and never load its client. */
export async function runConfigCommand(
  args: string[],
  { paths: { configPath } }: Pick<ProjectContext, "paths"> = { paths: resolveProjectPaths() },
): Promise<number> {
  const [subcommand, ...rest] = args;
  switch (subcommand) {
    case "validate":
      return validateCommand(rest, configPath);
    case "init":
      return initCommand(rest, configPath);
    case "path":
      console.log(configPath);
      return 0;
    default:
      throw new UsageError(
        subcommand ? `Unknown config command "${subcommand}".` : "config needs a command: validate, init or path.",
      );
  }
}

async function validateCommand(args: string[], defaultPath: string): Promise<number> {
  const { values } = parseOptions(args, { file: { type: "string", short: "f" }, json: { type: "boolean" } });
  const configPath = values.file ? path.resolve(values.file) : defaultPath;
  const loaded = await loadConfig(configPath);
  if (values.json) {
    console.log(JSON.stringify({ path: configPath, valid: loaded.valid, findings: loaded.findings }, null, 2));
  } else if (loaded.valid && loaded.config) {
    console.log(formatConfigSummary(configPath, loaded.config));
    if (loaded.findings.length > 0) console.log("\n" + formatFindings(loaded.findings, configPath));
  } else {
    console.error(`✗ Configuration invalid: ${configPath}`);
    console.error(formatFindings(loaded.findings, configPath));
  }
  return loaded.valid ? 0 : 1;
}

async function initCommand(args: string[], defaultPath: string): Promise<number> {
  const { values } = parseOptions(args, { file: { type: "string", short: "f" }, force: { type: "boolean" } });
  const configPath = values.file ? path.resolve(values.file) : defaultPath;
  const existing = await readStoredConfig(configPath);
  if (existing.exists && !values.force) {
    console.error(`✗ ${configPath} already exists; nothing was changed.`);
    console.error("  Use --force to replace it (the current file is kept as config.yaml.previous).");
    return 1;
  }
  await writeStoredConfig(configPath, renderDefaultConfigYaml(), existing.exists ? existing.etag : computeEtag(null));
  console.log(`✓ Wrote a default configuration to ${configPath}`);
  console.log("  Review it, then run `mycelium config validate`.");
  return 0;
}
