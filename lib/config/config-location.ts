import os from "node:os";
import path from "node:path";

/** The environment variables these paths depend on. */
export type Environment = Record<string, string | undefined>;

/** Where the config file lives: `$MYCELIUM_CONFIG`, else the XDG config dir, else `~/.config`. */
export function resolveConfigPath(env: Environment = process.env): string {
  if (env.MYCELIUM_CONFIG) return path.resolve(env.MYCELIUM_CONFIG);
  const configHome = env.XDG_CONFIG_HOME && path.isAbsolute(env.XDG_CONFIG_HOME)
    ? env.XDG_CONFIG_HOME
    : path.join(env.HOME ?? os.homedir(), ".config");
  return path.join(configHome, "mycelium", "config.yaml");
}

/** Where generated deployments live: `$XDG_DATA_HOME/mycelium/deployments`, else `~/.local/share/...`. */
export function resolveDeploymentsRoot(env: Environment = process.env): string {
  const dataHome = env.XDG_DATA_HOME && path.isAbsolute(env.XDG_DATA_HOME)
    ? env.XDG_DATA_HOME
    : path.join(env.HOME ?? os.homedir(), ".local", "share");
  return path.join(dataHome, "mycelium", "deployments");
}

/** Where Mycelium keeps its state: `$XDG_STATE_HOME/mycelium`, else `~/.local/state/mycelium`. */
export function resolveStateDirectory(env: Environment = process.env): string {
  const stateHome = env.XDG_STATE_HOME && path.isAbsolute(env.XDG_STATE_HOME)
    ? env.XDG_STATE_HOME
    : path.join(env.HOME ?? os.homedir(), ".local", "state");
  return path.join(stateHome, "mycelium");
}
