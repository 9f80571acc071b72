import { MyceliumError } from "../errors";
import { applyConfigEdits, type ConfigEdits } from "./config-edits";
import type { Finding } from "./findings";
import { hasErrors } from "./findings";
import { decodeConfigBytes, parseConfigText } from "./parse-config";
import type { MyceliumConfig } from "./schema";
import { readStoredConfig, writeStoredConfig, type StoredConfig } from "./config-store";

/** What a caller (route, CLI) needs to know about a config text. */
export interface ConfigInspection {
  valid: boolean;
  config: MyceliumConfig | null;
  findings: Finding[];
}

export function inspectConfigText(text: string): ConfigInspection {
  const { config, findings } = parseConfigText(text);
  return { valid: config !== null && !hasErrors(findings), config, findings };
}

export interface LoadedConfig extends ConfigInspection {
  stored: StoredConfig;
  /** The decoded text; "" when the file is missing or not UTF-8. */
  text: string;
}

/** Read the config file and check it, turning undecodable bytes into a finding. */
export async function loadConfig(configPath: string): Promise<LoadedConfig> {
  const stored = await readStoredConfig(configPath);
  if (!stored.exists) {
    return {
      stored,
      text: "",
      valid: false,
      config: null,
      findings: [
        {
          severity: "error",
          code: "config-missing",
          path: "",
          message: `No config file at ${configPath}.`,
          fix: "Run `mycelium config init` or open the dashboard's first-run setup to create one.",
        },
      ],
    };
  }
  const decoded = decodeConfigBytes(stored.bytes);
  if ("finding" in decoded) {
    return { stored, text: "", valid: false, config: null, findings: [decoded.finding] };
  }
  return { stored, text: decoded.text, ...inspectConfigText(decoded.text) };
}

/**
 * Apply field edits made by a button or a command (a free port, a reused server) to the file
 * on disk, keeping the user's comments. Refuses a result with errors, and a file changed
 * between our read and our write.
 */
export async function editConfigFile(configPath: string, edits: ConfigEdits): Promise<MyceliumConfig> {
  const current = await loadConfig(configPath);
  const text = applyConfigEdits(current.text, edits);
  const inspection = inspectConfigText(text);
  if (!inspection.valid || !inspection.config) {
    const error = inspection.findings.find((finding) => finding.severity === "error");
    throw new MyceliumError(
      "bad_request:config_invalid",
      `The config was not changed: the change would make it invalid${error ? ` (${error.message})` : ""}.`,
      {
        hint: error?.fix ?? "Open the config editor and fix what it reports.",
      },
    );
  }
  await writeStoredConfig(configPath, text, current.stored.etag);
  return inspection.config;
}
