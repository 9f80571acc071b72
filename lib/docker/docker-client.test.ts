import { describe, expect, it } from "vitest";
import { asEngineError, engineTlsFailure } from "./docker-client";

function tlsError(code: string, reason?: string): Error {
  return Object.assign(new Error(code), { code, reason });
}

describe("engine TLS failures", () => {
  it("name what did not match", () => {
    expect(engineTlsFailure(tlsError("SELF_SIGNED_CERT_IN_CHAIN"))?.message).toBe(
      "The Docker engine's TLS check failed: its certificate chains to a CA other than the one in ca.pem.",
    );
    const altname = engineTlsFailure(
      tlsError("ERR_TLS_CERT_ALTNAME_INVALID", "IP: 10.0.0.9 is not in the cert's list: 10.0.0.5"),
    );
    expect(altname?.message).toContain("IP: 10.0.0.9 is not in the cert's list: 10.0.0.5");
    expect(altname?.hint).toContain("subjectAltName");
    expect(engineTlsFailure(tlsError("ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED"))?.message).toContain("got none");
    expect(engineTlsFailure(tlsError("ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED"))?.code).toBe(
      "unavailable:docker_tls",
    );
  });

  it("leave other errors to the connection check, which names a TCP engine that does not answer", () => {
    const refused = asEngineError(
      Object.assign(tlsError("ECONNREFUSED"), { address: "10.0.0.5", port: 2376 }),
    ) as Error;
    expect(refused.message).toBe("The Docker engine at 10.0.0.5:2376 does not answer (ECONNREFUSED).");
    expect(engineTlsFailure(tlsError("ECONNREFUSED"))).toBeNull();
    expect((asEngineError(tlsError("ECONNREFUSED")) as Error).message).toContain("Docker is not running");
    // The local socket's own error carries its path as the address: it is this machine's Docker, not down there.
    const noSocket = asEngineError(Object.assign(tlsError("ENOENT"), { address: "/var/run/docker.sock" })) as Error;
    expect(noSocket.message).toBe("Docker is not running: there is no Docker socket.");
    const other = new Error("no such container");
    expect(asEngineError(other)).toBe(other);
  });
});
