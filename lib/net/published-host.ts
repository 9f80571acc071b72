/**
 * Where this machine reaches a port published on `bindAddress`: all interfaces include
 * loopback. The one place this is decided (detection, checks, the namespace wait and the
 * "Connect your app" facts use it).
 */
export function publishedHost(bindAddress: string): string {
  if (bindAddress === "0.0.0.0") return "127.0.0.1";
  if (bindAddress === "::") return "::1";
  return bindAddress;
}

/** `host:port` as a client or a URL writes it: an IPv6 address goes in brackets. */
export function hostPort(host: string, port: number): string {
  return host.includes(":") ? `[${host}]:${port}` : `${host}:${port}`;
}

/** The base URL of an HTTP service published on `host`, e.g. the Temporal UI. */
export function httpBaseUrl(host: string, port: number): string {
  return `http://${hostPort(host, port)}`;
}
