import type Docker from "dockerode";
import { MyceliumError } from "../errors";
import { DOCKER_HELP } from "./docker-help";

export interface EngineInfo {
  version: string;
  apiVersion: string;
  os: string;
  arch: string;
}

function engineUnavailable(error: unknown): MyceliumError {
  const code = (error as NodeJS.ErrnoException).code;
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

/** The engine's version, or a MyceliumError that says it is not running and what to do. */
export async function checkEngine(docker: Docker): Promise<EngineInfo> {
  try {
    const version = await docker.version();
    return { version: version.Version, apiVersion: version.ApiVersion, os: version.Os, arch: version.Arch };
  } catch (error) {
    throw engineUnavailable(error);
  }
}

const CONNECTION_FAILURES = new Set(["ENOENT", "ECONNREFUSED", "ECONNRESET", "EPIPE", "EACCES"]);

/** A dead or unreachable daemon as the one clear error; any other error as it is. */
export function asEngineError(error: unknown): unknown {
  return CONNECTION_FAILURES.has((error as NodeJS.ErrnoException)?.code ?? "") ? engineUnavailable(error) : error;
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
