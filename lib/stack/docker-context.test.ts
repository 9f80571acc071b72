import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { applyDockerContext } from "./docker-context";

/** A DOCKER_CONFIG laid out as `docker context create` leaves it (checked with Docker 20.10's CLI). */
function dockerConfig(
  contexts: Record<string, { host: string; tls?: boolean; skipTlsVerify?: boolean }>,
  currentContext?: string,
): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "mycelium-docker-config-"));
  if (currentContext) writeFileSync(path.join(dir, "config.json"), JSON.stringify({ auths: {}, currentContext }));
  for (const [name, { host, tls, skipTlsVerify = false }] of Object.entries(contexts)) {
    const id = createHash("sha256").update(name).digest("hex");
    mkdirSync(path.join(dir, "contexts", "meta", id), { recursive: true });
    writeFileSync(
      path.join(dir, "contexts", "meta", id, "meta.json"),
      JSON.stringify({ Name: name, Metadata: {}, Endpoints: { docker: { Host: host, SkipTLSVerify: skipTlsVerify } } }),
    );
    if (tls) mkdirSync(path.join(dir, "contexts", "tls", id, "docker"), { recursive: true });
  }
  return dir;
}

describe("applyDockerContext", () => {
  it("reads the current context's host and its TLS files", () => {
    const dir = dockerConfig({ remote: { host: "tcp://10.0.0.5:2376", tls: true } }, "remote");
    const id = createHash("sha256").update("remote").digest("hex");
    expect(applyDockerContext({ DOCKER_CONFIG: dir })).toEqual({
      DOCKER_CONFIG: dir,
      DOCKER_HOST: "tcp://10.0.0.5:2376",
      DOCKER_TLS_VERIFY: "1",
      DOCKER_CERT_PATH: path.join(dir, "contexts", "tls", id, "docker"),
    });
  });

  it("lets DOCKER_HOST win, DOCKER_CONTEXT pick, and `default` stay local", () => {
    const dir = dockerConfig(
      { remote: { host: "tcp://10.0.0.5:2376", tls: true }, plain: { host: "tcp://127.0.0.1:2375" } },
      "remote",
    );
    expect(applyDockerContext({ DOCKER_CONFIG: dir, DOCKER_HOST: "unix:///s.sock" })).toEqual({
      DOCKER_CONFIG: dir,
      DOCKER_HOST: "unix:///s.sock",
    });
    expect(applyDockerContext({ DOCKER_CONFIG: dir, DOCKER_CONTEXT: "plain", DOCKER_TLS_VERIFY: "1" })).toMatchObject({
      DOCKER_HOST: "tcp://127.0.0.1:2375",
      DOCKER_TLS_VERIFY: "",
    });
    expect(applyDockerContext({ DOCKER_CONFIG: dir, DOCKER_CONTEXT: "default" })).toEqual({
      DOCKER_CONFIG: dir,
      DOCKER_CONTEXT: "default",
    });
    expect(applyDockerContext({ DOCKER_CONFIG: dockerConfig({}) })).toEqual({ DOCKER_CONFIG: expect.any(String) });
  });

  it("refuses a context that is missing or skips verifying the engine", () => {
    const dir = dockerConfig({ lax: { host: "tcp://10.0.0.5:2376", skipTlsVerify: true } }, "gone");
    expect(() => applyDockerContext({ DOCKER_CONFIG: dir })).toThrow(
      `The current Docker context "gone" has no Docker endpoint in ${path.join(dir, "contexts")}.`,
    );
    expect(() => applyDockerContext({ DOCKER_CONFIG: dir, DOCKER_CONTEXT: "lax" })).toThrow(
      `The current Docker context "lax" skips verifying the engine's certificate; Mycelium always verifies it.`,
    );
  });
});
