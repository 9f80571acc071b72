import type { Finding } from "./findings";
import type { MyceliumConfig } from "./schema";

/** The dashboard's own port (`next dev -p 3000`, `mycelium serve`); a service there would fight it. */
export const DASHBOARD_PORT = 3000;

interface PublishedPort {
  path: string;
  port: number;
}

/** Host ports the enabled services publish, in the order the summary lists them. */
export function publishedPorts(config: MyceliumConfig): PublishedPort[] {
  const { redis, postgres, temporal } = config.services;
  const ports: PublishedPort[] = [];
  if (redis.enabled) ports.push({ path: "services.redis.port", port: redis.port });
  if (postgres.enabled) ports.push({ path: "services.postgres.port", port: postgres.port });
  if (temporal.enabled) {
    ports.push({ path: "services.temporal.frontend_port", port: temporal.frontend_port });
    if (temporal.ui_enabled) ports.push({ path: "services.temporal.ui_port", port: temporal.ui_port });
  }
  return ports;
}

/**
 * Two containers cannot publish the same host port (Docker: "port is already allocated");
 * the second service is the one reported, with a free number to move it to.
 */
export function checkPortAssignments(config: MyceliumConfig): Finding[] {
  const ports = publishedPorts(config);
  const taken = new Set(ports.map((entry) => entry.port));
  const firstClaim = new Map<number, string>();
  const findings: Finding[] = [];
  for (const { path, port } of ports) {
    const owner = firstClaim.get(port);
    if (owner === undefined) {
      firstClaim.set(port, path);
    } else {
      const free = nextFreePort(port, taken);
      taken.add(free);
      findings.push({
        severity: "error",
        code: "port-conflict",
        path,
        message: `${path} is ${port}, the same host port as ${owner}: two containers cannot publish one port`,
        fix: `set ${path} to ${free} (not used by another service)`,
      });
    }
    if (port === DASHBOARD_PORT) {
      findings.push({
        severity: "warning",
        code: "port-dashboard",
        path,
        message: `${path} is ${port}, the port the Mycelium dashboard itself listens on`,
        fix: `set ${path} to ${nextFreePort(port, taken)} unless the dashboard runs on another port`,
      });
    }
  }
  return findings;
}

function nextFreePort(from: number, taken: ReadonlySet<number>): number {
  const isFree = (port: number) => !taken.has(port) && port !== DASHBOARD_PORT;
  for (let port = from + 1; port <= 65535; port++) if (isFree(port)) return port;
  // Wrap around, skipping the privileged range that needs root on Linux.
  for (let port = 1024; port < from; port++) if (isFree(port)) return port;
  return from;
}
