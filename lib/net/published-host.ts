/** Where this machine reaches a port published on `bindAddress`: all interfaces include loopback. */
export function publishedHost(bindAddress: string): string {
  return bindAddress === "0.0.0.0" ? "127.0.0.1" : bindAddress;
}
