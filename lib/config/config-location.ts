import os from "node:os";
import path from "node:path";

/** The environment variables these paths depend on. */
export type Environment = Record<string, string | undefined>;

/** An XDG base directory: its variable when absolute (as the spec requires), else its default under home. */
function xdgHome(env: Environment, variable: string, ...fallback: string[]): string {
  const value = env[variable];
  return value && path.isAbsolute(value) ? value : path.join(env.HOME ?? os.homedir(), ...fallback);
}

/** Where the config file lives: `$MYCELIUM_CONFIG`, else the XDG config dir, else `~/.config`. */
export function resolveConfigPath(env: Environment = process.env): string {
  if (env.MYCELIUM_CONFIG) return path.resolve(env.MYCELIUM_CONFIG);
  return path.join(xdgHome(env, "XDG_CONFIG_HOME", ".config"), "mycelium", "config.yaml");
}

/** Where generated deployments live: `$XDG_DATA_HOME/mycelium/deployments`, else `~/.local/share/...`. */
export function resolveDeploymentsRoot(env: Environment = process.env): string {
  return path.join(xdgHome(env, "XDG_DATA_HOME", ".local", "share"), "mycelium", "deployments");
}

/** Where Mycelium keeps its state: `$XDG_STATE_HOME/mycelium`, else `~/.local/state/mycelium`. */
export function resolveStateDirectory(env: Environment = process.env): string {
  return path.join(xdgHome(env, "XDG_STATE_HOME", ".local", "state"), "mycelium");
}

/** Where one project's files live, resolved once per request or command and passed as values. */
export interface ProjectPaths {
  configPath: string;
  deploymentsRoot: string;
  stateDirectory: string;
}

export function resolveProjectPaths(env: Environment = process.env): ProjectPaths {
  return {
    configPath: resolveConfigPath(env),
    deploymentsRoot: resolveDeploymentsRoot(env),
    stateDirectory: resolveStateDirectory(env),
  };
}
