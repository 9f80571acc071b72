// What the integration and end-to-end tiers need from the machine, checked the same way
// by the test runner and by the test setups.
import { existsSync } from "node:fs";
import { request } from "node:http";

export const CHROMIUM_CANDIDATES = ["/usr/bin/chromium", "/usr/lib/chromium/chromium", "/usr/bin/chromium-browser"];

export function chromiumPath() {
  return process.env.CHROMIUM_PATH ?? CHROMIUM_CANDIDATES.find((candidate) => existsSync(candidate)) ?? null;
}

export function dockerSocketPath() {
  const host = process.env.DOCKER_HOST;
  if (host?.startsWith("unix://")) return host.slice("unix://".length);
  return "/var/run/docker.sock";
}

/** null when the Docker engine answers /_ping, else a sentence saying why not. */
export function pingDocker(timeoutMs = 3000) {
  return new Promise((resolve) => {
    const req = request({ socketPath: dockerSocketPath(), path: "/_ping", timeout: timeoutMs }, (res) => {
      res.resume();
      resolve(res.statusCode === 200 ? null : `the Docker engine answered ${res.statusCode} to /_ping`);
    });
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", (error) => resolve(`the Docker engine does not answer at ${dockerSocketPath()}: ${error.message}`));
    req.end();
  });
}
