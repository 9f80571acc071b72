import { promises as fs } from "node:fs";
import path from "node:path";
import { resolveStateDirectory, type Environment } from "../config/config-location";
import { writeFileAtomic } from "../fs/atomic-write";
import { generateAccessToken } from "./access-token";

/** `$XDG_STATE_HOME/mycelium/access-token` (else ~/.local/state/...), readable by its owner only. */
export function accessTokenPath(env: Environment = process.env): string {
  return path.join(resolveStateDirectory(env), "access-token");
}

/** The token survives restarts, so an open browser keeps its session; made on first use. */
export async function loadOrCreateAccessToken(env: Environment = process.env): Promise<string> {
  const file = accessTokenPath(env);
  try {
    const token = (await fs.readFile(file, "utf8")).trim();
    if (token.length >= 32) return token;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  const token = generateAccessToken();
  await writeFileAtomic(file, `${token}\n`, { mode: 0o600 });
  return token;
}
