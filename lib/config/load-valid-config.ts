import { MyceliumError } from "../errors";
import { loadConfig } from "./config-service";
import type { MyceliumConfig } from "./schema";

/** The config a deploy or a check needs: valid, or a clear error pointing at the editor. */
export async function loadValidConfig(configPath: string): Promise<MyceliumConfig> {
  const loaded = await loadConfig(configPath);
  if (loaded.valid && loaded.config) return loaded.config;
  const first = loaded.findings.find((f) => f.severity === "error");
  throw new MyceliumError(
    loaded.stored.exists ? "bad_request:config_invalid" : "not_found:config",
    loaded.stored.exists ? `The config at ${configPath} has errors.` : `No config file at ${configPath}.`,
    // A missing file's finding says what the message already says: its fix is the hint.
    {
      hint: first
        ? loaded.stored.exists
          ? `${first.message} ${first.fix}`
          : first.fix
        : "Run `mycelium config validate`.",
    },
  );
}
