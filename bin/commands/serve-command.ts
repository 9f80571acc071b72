import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadOrCreateAccessToken } from "../../lib/security/access-token-store";
import { LOOPBACK_HOSTNAMES } from "../../lib/security/request-guard";
import { DASHBOARD_PORT_OPTION, dashboardUrl, parseOptions, parsePort, UsageError } from "../cli-support";

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

/**
 * Start the built dashboard with `next start`, bound to loopback. Binding anywhere else
 * needs --host plus --allow-remote, because the dashboard can start containers. Unless
 * --no-token, browsers must first open the printed link (see lib/security/access-token.ts).
 */
export async function runServeCommand(args: string[]): Promise<number> {
  const { values } = parseOptions(args, {
    port: DASHBOARD_PORT_OPTION,
    host: { type: "string", default: "127.0.0.1" },
    "allow-remote": { type: "boolean" },
    "no-token": { type: "boolean" },
    "print-url": { type: "boolean" },
  });
  const port = parsePort(values.port);
  const isLoopback = LOOPBACK_HOSTNAMES.has(values.host) || values.host === "::1";
  if (!isLoopback && !values["allow-remote"]) {
    throw new UsageError(
      `Refusing to listen on ${values.host}: anyone who reaches it ` +
        `could start containers. Add --allow-remote if you mean it.`,
    );
  }
  const token = values["no-token"] ? null : await loadOrCreateAccessToken();
  const url = dashboardUrl(isLoopback ? "127.0.0.1" : values.host, port, token);
  if (values["print-url"]) {
    console.log(url);
    return 0;
  }
  if (!existsSync(path.join(projectRoot, ".next", "BUILD_ID"))) {
    console.error("✗ The dashboard has not been built yet.");
    console.error("  Run `npm run build` first (`npm run setup` installs, builds and starts in one go).");
    return 2;
  }
  if (!isLoopback)
    console.warn(`⚠ Listening on ${values.host}: other machines on your network can reach this dashboard.`);

  const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
  const child = spawn(process.execPath, [nextBin, "start", "-H", values.host, "-p", String(port)], {
    cwd: projectRoot,
    stdio: ["ignore", "pipe", "inherit"],
    env: {
      ...process.env,
      NEXT_TELEMETRY_DISABLED: "1",
      MYCELIUM_PORT: String(port),
      MYCELIUM_ALLOWED_HOSTS: isLoopback ? "" : values.host,
      MYCELIUM_ACCESS_TOKEN: token ?? "",
    },
  });
  child.stdout.on("data", (chunk: Buffer) => {
    const text = chunk.toString();
    process.stdout.write(text);
    if (text.includes("Ready")) {
      console.log(`\n  Mycelium is running. Open: ${url}`);
      console.log(
        token ? "  (the link logs this browser in; --no-token turns this off on a single-user machine)\n" : "",
      );
    }
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
  return new Promise((resolve) => child.on("exit", (code) => resolve(code ?? 0)));
}
