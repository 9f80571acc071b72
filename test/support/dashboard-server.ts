import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..", "..");

export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface RunningDashboard {
  url: string;
  port: number;
  /** Private HOME-like directory: config and deployments of this server live here. */
  home: string;
  configPath: string;
  output(): string;
  stop(): Promise<void>;
}

/**
 * Start the built dashboard with `mycelium serve` on a free port and its own config dir.
 * Without an access token unless `withToken` (the access-token tests turn it on).
 */
export async function startDashboard(env: Record<string, string> = {}, { withToken = false } = {}): Promise<RunningDashboard> {
  const port = await findFreePort();
  const home = mkdtempSync(path.join(os.tmpdir(), "mycelium-it-"));
  const configPath = path.join(home, "config", "mycelium", "config.yaml");
  let output = "";
  const child: ChildProcess = spawn(process.execPath, [path.join(root, "bin", "mycelium.mjs"), "serve", "--port", String(port), ...(withToken ? [] : ["--no-token"])], {
    cwd: root,
    env: {
      ...process.env,
      MYCELIUM_CONFIG: configPath,
      XDG_DATA_HOME: path.join(home, "data"),
      XDG_STATE_HOME: path.join(home, "state"),
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`dashboard exited with ${child.exitCode}:\n${output}`);
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.status < 500) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`dashboard did not start within 30 s:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    port,
    home,
    configPath,
    output: () => output,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}
