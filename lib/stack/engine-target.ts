import Docker from "dockerode";
import type { Environment } from "../config/config-location";

/**
 * How to reach an engine's API: a unix socket, or plain TCP as `DOCKER_HOST=tcp://…` says.
 * TCP with TLS and `ssh://` are further variants of this union, not conditions elsewhere.
 */
export type EngineEndpoint = { kind: "unix"; socketPath: string } | { kind: "tcp"; host: string; port: number };

/** Where this process reaches the engine's machine, and the ports the engine publishes there. */
export interface EngineAddresses {
  /**
   * The engine's machine itself: a server that runs there beside the engine (a reused PostgreSQL), a free-port probe.
   */
  readonly machineHost: string;
  /** The address a client on this machine uses for a port the engine publishes on `bindAddress`. */
  publishedHost(bindAddress: string): string;
}

/**
 * The Docker engine a stack is deployed to, in the spirit of dozzle's `Client` + `Host`: its
 * API client, and where this machine reaches the ports it publishes. Code that deploys or
 * checks takes a target, so a remote engine is another value here, not a hunt through callers.
 */
export interface EngineTarget extends EngineAddresses {
  readonly endpoint: EngineEndpoint;
  readonly docker: Docker;
}

const DEFAULT_SOCKET = "/var/run/docker.sock";
const DEFAULT_TCP_PORT = 2375;

/** The endpoint `DOCKER_HOST` names (unix:// or tcp://), else the local socket. */
export function engineEndpoint(env: Environment): EngineEndpoint {
  const host = env.DOCKER_HOST;
  if (!host) return { kind: "unix", socketPath: DEFAULT_SOCKET };
  if (host.startsWith("unix://")) return { kind: "unix", socketPath: host.slice("unix://".length) };
  const url = new URL(host.replace(/^tcp:/, "http:"));
  return { kind: "tcp", host: url.hostname, port: Number(url.port || DEFAULT_TCP_PORT) };
}

/** An engine on this machine publishes on its own interfaces: all interfaces include loopback. */
function loopbackPublishedHost(bindAddress: string): string {
  if (bindAddress === "0.0.0.0") return "127.0.0.1";
  if (bindAddress === "::") return "::1";
  return bindAddress;
}

/** An engine on this machine, for code that needs its addresses but no client (tests, pure planning). */
export const LOCAL_ADDRESSES: EngineAddresses = { machineHost: "127.0.0.1", publishedHost: loopbackPublishedHost };

/** The target for `endpoint`; dockerode keeps no connection open between calls, so this is cheap. */
export function connectEngine(endpoint: EngineEndpoint): EngineTarget {
  const docker =
    endpoint.kind === "unix"
      ? new Docker({ socketPath: endpoint.socketPath })
      : new Docker({ host: endpoint.host, port: endpoint.port, protocol: "http" });
  // Both endpoints reach an engine on this machine today; a remote one answers with its own host.
  return { endpoint, docker, ...LOCAL_ADDRESSES };
}

let processEngine: EngineTarget | null = null;

/** The engine this process's environment names, created once. */
export function environmentEngine(): EngineTarget {
  processEngine ??= connectEngine(engineEndpoint(process.env));
  return processEngine;
}
