import type Docker from "dockerode";
import { MyceliumError } from "../errors";
import { DOCKER_HELP } from "./docker-help";

export interface EngineInfo {
  version: string;
  apiVersion: string;
  os: string;
  arch: string;
}

/**
 * An engine reached over TCP that does not answer: the local engine's help would send the user
 * to the wrong machine.
 */
function remoteEngineUnreachable(error: NodeJS.ErrnoException & { address: string; port?: number }): MyceliumError {
  const where = `${error.address}${error.port ? `:${error.port}` : ""}`;
  return new MyceliumError("unavailable:docker", `The Docker engine at ${where} does not answer (${error.code}).`, {
    hint: "Check that dockerd runs on that machine and listens there (dockerd -H tcp://0.0.0.0:2376 --tlsverify …), and that no firewall between here and there drops the port.",
    detail: error.code,
    cause: error,
  });
}

function engineUnavailable(error: unknown): MyceliumError {
  const code = (error as NodeJS.ErrnoException).code;
  // A TCP connection's error names the address and port; a unix socket's names only its path.
  const { address, port } = error as { address?: unknown; port?: unknown };
  if (typeof address === "string" && typeof port === "number") {
    return remoteEngineUnreachable(error as NodeJS.ErrnoException & { address: string });
  }
  const reason =
    code === "ENOENT"
      ? "there is no Docker socket"
      : code === "EACCES"
        ? "this user may not use the Docker socket"
        : code === "ECONNREFUSED"
          ? "nothing answers on the Docker socket"
          : ((error as Error).message ?? "it does not answer").slice(0, 200);
  return new MyceliumError("unavailable:docker", `Docker is not running: ${reason}.`, {
    hint:
      process.platform === "darwin"
        ? DOCKER_HELP.macos
        : process.platform === "win32"
          ? DOCKER_HELP.windows
          : DOCKER_HELP.linux,
    detail: code,
    cause: error,
  });
}

const CERT_HELP =
  "DOCKER_CERT_PATH (default ~/.docker) holds ca.pem, cert.pem and key.pem: the CA that signed the engine's " +
  "certificate, and this client's certificate and key signed by the CA the engine was started with (--tlscacert).";

/** What did not match in a TLS handshake with a remote engine, by Node's and OpenSSL's error codes. */
const TLS_MISMATCHES: Record<string, string> = {
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: "its certificate is not signed by the CA in ca.pem",
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: "its certificate is not signed by the CA in ca.pem",
  SELF_SIGNED_CERT_IN_CHAIN: "its certificate chains to a CA other than the one in ca.pem",
  DEPTH_ZERO_SELF_SIGNED_CERT: "its certificate is self-signed, not signed by the CA in ca.pem",
  CERT_HAS_EXPIRED: "its certificate has expired",
  CERT_NOT_YET_VALID: "its certificate is not valid yet",
  ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED: "it asks for a client certificate and got none (cert.pem, key.pem)",
  ERR_SSL_TLSV1_ALERT_UNKNOWN_CA: "it refused this client's certificate (cert.pem): not signed by a CA it trusts",
  ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE: "it refused this client's certificate (cert.pem)",
  ERR_SSL_SSLV3_ALERT_CERTIFICATE_UNKNOWN: "it refused this client's certificate (cert.pem)",
  ERR_SSL_WRONG_VERSION_NUMBER: "it does not speak TLS on that port",
};

/** A TLS handshake that failed, as a sentence naming what did not match; null for any other error. */
export function engineTlsFailure(error: unknown): MyceliumError | null {
  const { code, reason } = error as { code?: string; reason?: string };
  // Node's own text names the host asked for and the names the certificate holds (no key material).
  const mismatch =
    code === "ERR_TLS_CERT_ALTNAME_INVALID"
      ? `its certificate is for other names: ${reason ?? "the host is not in its subjectAltName"}`
      : TLS_MISMATCHES[code ?? ""];
  if (!mismatch) return null;
  return new MyceliumError("unavailable:docker_tls", `The Docker engine's TLS check failed: ${mismatch}.`, {
    hint:
      code === "ERR_TLS_CERT_ALTNAME_INVALID"
        ? "Use the host name or address the engine's certificate was made for in DOCKER_HOST, or reissue that " +
          `certificate with this one in its subjectAltName. ${CERT_HELP}`
        : CERT_HELP,
    detail: code,
    cause: error,
  });
}

const CONNECTION_FAILURES = new Set([
  "ENOENT",
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "EACCES",
  "EHOSTUNREACH",
  "ETIMEDOUT",
]);

/** A dead or unreachable daemon, or a failed TLS handshake, as the one clear error; any other error as it is. */
export function asEngineError(error: unknown): unknown {
  const tlsFailure = engineTlsFailure(error);
  if (tlsFailure) return tlsFailure;
  return CONNECTION_FAILURES.has((error as NodeJS.ErrnoException)?.code ?? "") ? engineUnavailable(error) : error;
}

/** The engine's version, or a MyceliumError that says it is not running and what to do. */
export async function checkEngine(docker: Docker): Promise<EngineInfo> {
  try {
    const version = await docker.version();
    return { version: version.Version, apiVersion: version.ApiVersion, os: version.Os, arch: version.Arch };
  } catch (error) {
    throw engineTlsFailure(error) ?? engineUnavailable(error);
  }
}

/** Wrap an engine call so that a dead daemon surfaces as the same clear error. */
export async function withEngine<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw asEngineError(error);
  }
}

/** The engine's 404: the container (or image) is gone, removed since it was listed. */
export function isNoSuchObject(error: unknown): boolean {
  return (error as { statusCode?: number } | null)?.statusCode === 404;
}
