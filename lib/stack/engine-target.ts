import { readFileSync } from "node:fs";
import { isIP } from "node:net";
import os from "node:os";
import path from "node:path";
import Docker from "dockerode";
import type { Environment } from "../config/config-location";
import { MyceliumError } from "../errors";
import { applyDockerContext } from "./docker-context";

/** Where the CA, client certificate and key of a TLS engine are, under Docker's own file names. */
export interface EngineTls {
  readonly certDir: string;
}

/**
 * How to reach an engine's API: a unix socket, or TCP as `DOCKER_HOST=tcp://…` says, with TLS
 * (server verified, client certificate sent) unless the engine is on this machine's loopback.
 * `ssh://` is a further variant of this union, not a condition elsewhere.
 */
export type EngineEndpoint =
  { kind: "unix"; socketPath: string } | { kind: "tcp"; host: string; port: number; tls: EngineTls | null };

/** Where this process reaches the engine's machine, and the ports the engine publishes there. */
export interface EngineAddresses {
  /**
   * The engine's machine itself: a server that runs there beside the engine (a reused PostgreSQL), a free-port probe.
   */
  readonly machineHost: string;
  /** The address a client on this machine uses for a port the engine publishes on `bindAddress`. */
  publishedHost(bindAddress: string): string;
  /** Set when the engine runs on another machine: its address, as the user named it. */
  readonly remoteHost: string | null;
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
/** Docker's own defaults: 2376 is the TLS port, 2375 the plain one. */
const DEFAULT_TLS_PORT = 2376;
const DEFAULT_PLAIN_PORT = 2375;
const TLS_FILES = { ca: "ca.pem", cert: "cert.pem", key: "key.pem" } as const;

export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, "");
  if (bare === "localhost") return true;
  if (isIP(bare) === 4) return bare.startsWith("127.");
  return bare === "::1";
}

/**
 * TLS as Docker's CLI reads it: any non-empty DOCKER_TLS_VERIFY, or a DOCKER_CERT_PATH;
 * certificates in ~/.docker by default.
 */
function engineTls(env: Environment): EngineTls | null {
  if (!env.DOCKER_TLS_VERIFY && !env.DOCKER_CERT_PATH) return null;
  return { certDir: env.DOCKER_CERT_PATH || path.join(env.HOME || os.homedir(), ".docker") };
}

/**
 * The endpoint `DOCKER_HOST` names (unix:// or tcp://), else the local socket. Plain TCP is
 * refused beyond loopback: whoever reaches an open Docker API is root on that machine.
 */
export function engineEndpoint(env: Environment): EngineEndpoint {
  const host = env.DOCKER_HOST;
  if (!host) return { kind: "unix", socketPath: DEFAULT_SOCKET };
  if (host.startsWith("unix://")) return { kind: "unix", socketPath: host.slice("unix://".length) };
  if (!host.startsWith("tcp://")) {
    throw new MyceliumError(
      "bad_request:engine_host",
      `DOCKER_HOST uses a scheme Mycelium cannot drive yet: ${host.split(":")[0]}://.`,
      {
        hint: "Use unix:///path/to/docker.sock, or tcp://HOST:2376 with DOCKER_TLS_VERIFY=1 and DOCKER_CERT_PATH (ca.pem, cert.pem, key.pem).",
      },
    );
  }
  // Only the host and port are kept: credentials written into the URL are never repeated.
  const url = URL.parse(host.replace(/^tcp:/, "http:"));
  if (!url?.hostname) {
    throw new MyceliumError("bad_request:engine_host", "DOCKER_HOST starts with tcp:// but names no host.", {
      hint: "Write it as tcp://HOST:2376, e.g. tcp://10.0.0.5:2376.",
    });
  }
  const tls = engineTls(env);
  const endpoint = {
    kind: "tcp",
    host: url.hostname,
    port: Number(url.port || (tls ? DEFAULT_TLS_PORT : DEFAULT_PLAIN_PORT)),
    tls,
  } as const;
  if (!tls && !isLoopbackHost(endpoint.host)) {
    throw new MyceliumError(
      "bad_request:engine_plain_tcp",
      `The Docker engine at ${endpoint.host}:${endpoint.port} is set to be reached over plain TCP, without TLS.`,
      {
        hint:
          "An open Docker API gives root on that machine to anyone who reaches it. Set DOCKER_TLS_VERIFY=1 and " +
          "DOCKER_CERT_PATH to a directory with ca.pem, cert.pem and key.pem (the engine listening with --tlsverify " +
          "on port 2376), or give the Docker context its ca, cert and key.",
      },
    );
  }
  return endpoint;
}

/** Which engine this is, for a person: its socket or address, never credentials from DOCKER_HOST. */
export function describeEngine(endpoint: EngineEndpoint): string {
  if (endpoint.kind === "unix") return `this machine (unix://${endpoint.socketPath})`;
  const address = `${endpoint.host.includes(":") ? `[${endpoint.host}]` : endpoint.host}:${endpoint.port}`;
  if (isLoopbackHost(endpoint.host)) return `this machine (tcp://${address})`;
  return `${address} over TLS`;
}

/** An engine on this machine publishes on its own interfaces: all interfaces include loopback. */
function loopbackPublishedHost(bindAddress: string): string {
  if (bindAddress === "0.0.0.0") return "127.0.0.1";
  if (bindAddress === "::") return "::1";
  return bindAddress;
}

/** An engine on this machine, for code that needs its addresses but no client (tests, pure planning). */
export const LOCAL_ADDRESSES: EngineAddresses = {
  machineHost: "127.0.0.1",
  publishedHost: loopbackPublishedHost,
  remoteHost: null,
};

/**
 * An engine on `host` publishes on that machine's interfaces: all of them are reached at the
 * address the user gave; its loopback is out of reach from here.
 */
export function remoteAddresses(host: string): EngineAddresses {
  return {
    machineHost: host,
    remoteHost: host,
    publishedHost(bindAddress) {
      if (bindAddress === "0.0.0.0" || bindAddress === "::") return host;
      if (isLoopbackHost(bindAddress)) {
        throw new MyceliumError(
          "bad_request:remote_loopback_bind",
          `The stack's ports are published on ${bindAddress} of ${host}, its own loopback: ` +
            "nothing on this machine can reach them.",
          {
            hint:
              `Set deployment.bind_address to 0.0.0.0 (every interface of ${host}) ` +
              "or to one of that machine's addresses that this machine can reach.",
          },
        );
      }
      return bindAddress;
    },
  };
}

function readTlsFile(tls: EngineTls, file: string): Buffer {
  const filePath = path.join(tls.certDir, file);
  try {
    return readFileSync(filePath);
  } catch (error) {
    throw new MyceliumError(
      "bad_request:engine_tls_files",
      `Cannot read ${file} for the Docker engine's TLS in ${tls.certDir}: ` +
        `${(error as NodeJS.ErrnoException).code ?? "unreadable"}.`,
      {
        hint:
          "DOCKER_CERT_PATH (default ~/.docker) must hold ca.pem (the CA that signed the engine's certificate), " +
          "cert.pem and key.pem (this client's certificate and key).",
        cause: error,
      },
    );
  }
}

function tcpDocker(endpoint: Extract<EngineEndpoint, { kind: "tcp" }>): Docker {
  if (!endpoint.tls) return new Docker({ host: endpoint.host, port: endpoint.port, protocol: "http" });
  const { tls } = endpoint;
  return new Docker({
    host: endpoint.host,
    port: endpoint.port,
    protocol: "https",
    ca: readTlsFile(tls, TLS_FILES.ca),
    cert: readTlsFile(tls, TLS_FILES.cert),
    key: readTlsFile(tls, TLS_FILES.key),
  });
}

/** The target for `endpoint`; dockerode keeps no connection open between calls, so this is cheap. */
export function connectEngine(endpoint: EngineEndpoint): EngineTarget {
  if (endpoint.kind === "unix")
    return { endpoint, docker: new Docker({ socketPath: endpoint.socketPath }), ...LOCAL_ADDRESSES };
  const addresses = isLoopbackHost(endpoint.host) ? LOCAL_ADDRESSES : remoteAddresses(endpoint.host);
  return { endpoint, docker: tcpDocker(endpoint), ...addresses };
}

let processEngine: EngineTarget | null = null;

/** The engine this process's environment (or Docker's current context) names, created once. */
export function environmentEngine(): EngineTarget {
  processEngine ??= connectEngine(engineEndpoint(applyDockerContext(process.env)));
  return processEngine;
}
