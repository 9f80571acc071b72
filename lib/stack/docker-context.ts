import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Environment } from "../config/config-location";
import { MyceliumError } from "../errors";

interface ContextMeta {
  Endpoints?: { docker?: { Host?: string; SkipTLSVerify?: boolean } };
}

function readJson<T>(file: string, what: string): T | null {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    throw new MyceliumError("bad_request:docker_context", `${what} is not valid JSON: ${file}.`, {
      hint:
        "Run `docker context ls` to see whether Docker itself can read it, " +
        "or `docker context use default` to go back to the local engine.",
      cause: error,
    });
  }
}

/**
 * The current Docker context (`DOCKER_CONTEXT`, else `currentContext` in config.json) as the
 * variables it stands for, so one reading of DOCKER_HOST / DOCKER_CERT_PATH serves both.
 * DOCKER_HOST wins over any context, as in Docker's CLI; a context's own TLS files replace
 * DOCKER_TLS_VERIFY / DOCKER_CERT_PATH. Files as Docker keeps them: contexts/meta/<sha256 of
 * the name>/meta.json and contexts/tls/<same>/docker/{ca,cert,key}.pem.
 */
export function applyDockerContext(env: Environment): Environment {
  if (env.DOCKER_HOST) return env;
  const configDir = env.DOCKER_CONFIG || path.join(env.HOME || os.homedir(), ".docker");
  const name =
    env.DOCKER_CONTEXT ||
    readJson<{ currentContext?: string }>(path.join(configDir, "config.json"), "Docker's config.json")?.currentContext;
  if (!name || name === "default") return env;
  const id = createHash("sha256").update(name).digest("hex");
  const endpoint = readJson<ContextMeta>(
    path.join(configDir, "contexts", "meta", id, "meta.json"),
    `Docker context "${name}"`,
  )?.Endpoints?.docker;
  if (!endpoint?.Host) {
    throw new MyceliumError(
      "bad_request:docker_context",
      `The current Docker context "${name}" has no Docker endpoint in ${path.join(configDir, "contexts")}.`,
      {
        hint:
          "Run `docker context ls` to see the contexts there, and `docker context use NAME` " +
          "(or DOCKER_CONTEXT=NAME) to pick one; `default` is the local engine.",
      },
    );
  }
  if (endpoint.SkipTLSVerify) {
    throw new MyceliumError(
      "bad_request:docker_context",
      `The current Docker context "${name}" skips verifying the engine's certificate; Mycelium always verifies it.`,
      {
        hint:
          "Recreate the context with the CA that signed the engine's certificate: " +
          `docker context create ${name} --docker "host=${endpoint.Host.replace(/\/\/[^@/]*@/, "//")},` +
          'ca=…/ca.pem,cert=…/cert.pem,key=…/key.pem".',
      },
    );
  }
  const tlsDir = path.join(configDir, "contexts", "tls", id, "docker");
  const tls = existsSync(tlsDir)
    ? { DOCKER_TLS_VERIFY: "1", DOCKER_CERT_PATH: tlsDir }
    : { DOCKER_TLS_VERIFY: "", DOCKER_CERT_PATH: "" };
  return { ...env, DOCKER_HOST: endpoint.Host, ...tls };
}
