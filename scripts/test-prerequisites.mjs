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

/** The local registry scripts/prepare-test-machine.sh runs as the engine's registry mirror. */
export const REGISTRY = "127.0.0.1:5000";

/** Where Docker Hub keeps a name, as the mirror serves it: official images live under library/. */
export function registryPath(image) {
  const [repository, tag = "latest"] = image.split(":");
  return { repository: repository.includes("/") ? repository : `library/${repository}`, tag };
}

/** null when the local registry serves `image`, else a sentence saying why not. */
export async function registryProblem(image) {
  const { repository, tag } = registryPath(image);
  try {
    const response = await fetch(`http://${REGISTRY}/v2/${repository}/manifests/${tag}`, {
      method: "HEAD",
      headers: { accept: "application/vnd.docker.distribution.manifest.v2+json" },
    });
    if (response.ok) return null;
    return `the local registry has no ${image} (HTTP ${response.status}): run \`npm run test:images\``;
  } catch (error) {
    return `the local registry on ${REGISTRY} does not answer (${error.message}): run scripts/prepare-test-machine.sh`;
  }
}
