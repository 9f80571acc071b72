/** `host:port` as a client or a URL writes it: an IPv6 address goes in brackets. */
export function hostPort(host: string, port: number): string {
  return host.includes(":") ? `[${host}]:${port}` : `${host}:${port}`;
}

/** The base URL of an HTTP service published on `host`, e.g. the Temporal UI. */
export function httpBaseUrl(host: string, port: number): string {
  return `http://${hostPort(host, port)}`;
}
