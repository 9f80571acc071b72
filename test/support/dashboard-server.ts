import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { findFreePort } from "./free-ports";
import { showBody, type HttpAnswer } from "./http-answer";

const root = path.resolve(import.meta.dirname, "..", "..");

export { findFreePort };

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
export async function startDashboard(
  env: Record<string, string> = {},
  { withToken = false } = {},
): Promise<RunningDashboard> {
  const port = await findFreePort();
  const home = mkdtempSync(path.join(os.tmpdir(), "mycelium-it-"));
  const configPath = path.join(home, "config", "mycelium", "config.yaml");
  let output = "";
  const child: ChildProcess = spawn(
    process.execPath,
    [path.join(root, "bin", "mycelium.mjs"), "serve", "--port", String(port), ...(withToken ? [] : ["--no-token"])],
    {
      cwd: root,
      env: {
        ...process.env,
        MYCELIUM_CONFIG: configPath,
        XDG_DATA_HOME: path.join(home, "data"),
        XDG_STATE_HOME: path.join(home, "state"),
        // A profile written through the API lands here, never in the user's own temporal.toml.
        TEMPORAL_CONFIG_FILE: path.join(home, "temporal", "temporal.toml"),
        ...env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
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

/** What `callApi` returns: the status, the parsed JSON body, and the raw text (shown by `toHaveStatus` on failure). */
export interface ApiAnswer<T = unknown> extends HttpAnswer {
  body: T;
}

/**
 * A call to the dashboard's API with the Origin header its same-origin check wants; `json` is
 * sent as the JSON body. `onText` sees each raw answer (the secret tests search them all).
 * Every API route answers JSON: any other body is an error that shows the status and the text.
 */
export async function callApi<T = unknown>(
  baseUrl: string,
  route: string,
  init: RequestInit & { json?: unknown } = {},
  onText?: (text: string) => void,
): Promise<ApiAnswer<T>> {
  const { json, ...rest } = init;
  const response = await fetch(`${baseUrl}${route}`, {
    ...rest,
    ...(json !== undefined ? { body: JSON.stringify(json) } : {}),
    headers: {
      origin: baseUrl,
      ...(json !== undefined ? { "content-type": "application/json" } : {}),
      ...rest.headers,
    },
  });
  const text = await response.text();
  onText?.(text);
  let body: T;
  try {
    body = JSON.parse(text) as T;
  } catch {
    throw new Error(
      `${init.method ?? "GET"} ${route} answered ${response.status} with a body that is not JSON:\n${showBody(text)}`,
    );
  }
  return { status: response.status, body, text };
}

/** `mycelium <args>` against the dashboard's (or a test's own) config and data, without a terminal. */
export function runCli(
  dashboard: Pick<RunningDashboard, "configPath" | "home">,
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, "bin", "mycelium.mjs"), ...args], {
      cwd: root,
      env: {
        ...process.env,
        MYCELIUM_CONFIG: dashboard.configPath,
        XDG_DATA_HOME: path.join(dashboard.home, "data"),
        ...env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout?.on("data", (chunk) => (stdout += chunk));
    child.stderr?.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/**
 * Poll the deploy status (read by the caller, so its own recording sees every answer) until
 * the deploy is over, and return it whatever its end: the caller decides what a failure means.
 */
export async function waitForDeployEnd<D extends { state: string }>(
  readStatus: () => Promise<{ deploy: D | null }>,
  timeoutMs = 150_000,
): Promise<D> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { deploy } = await readStatus();
    if (deploy && deploy.state !== "running") return deploy;
    if (Date.now() > deadline) throw new Error("deploy did not finish");
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
