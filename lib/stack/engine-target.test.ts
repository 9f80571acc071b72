import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { connectEngine, describeEngine, engineEndpoint, isLoopbackHost, remoteAddresses } from "./engine-target";
import { thrownRefusal } from "../../test/support/thrown-refusal";

describe("engineEndpoint", () => {
  it("is the local socket without DOCKER_HOST, and the socket a unix:// URL names", () => {
    expect(engineEndpoint({})).toEqual({ kind: "unix", socketPath: "/var/run/docker.sock" });
    expect(engineEndpoint({ DOCKER_HOST: "unix:///run/user/1000/docker.sock" })).toEqual({
      kind: "unix",
      socketPath: "/run/user/1000/docker.sock",
    });
  });

  it("reads TLS from DOCKER_TLS_VERIFY and DOCKER_CERT_PATH, on Docker's TLS port by default", () => {
    expect(
      engineEndpoint({ DOCKER_HOST: "tcp://10.0.0.5", DOCKER_TLS_VERIFY: "1", DOCKER_CERT_PATH: "/certs" }),
    ).toEqual({
      kind: "tcp",
      host: "10.0.0.5",
      port: 2376,
      tls: { certDir: "/certs" },
    });
    expect(
      engineEndpoint({ DOCKER_HOST: "tcp://engine.example:12376", DOCKER_TLS_VERIFY: "1", HOME: "/home/ann" }),
    ).toMatchObject({
      port: 12376,
      tls: { certDir: "/home/ann/.docker" },
    });
  });

  it("allows plain TCP to loopback only, and never repeats credentials from the URL", () => {
    expect(engineEndpoint({ DOCKER_HOST: "tcp://127.0.0.1" })).toEqual({
      kind: "tcp",
      host: "127.0.0.1",
      port: 2375,
      tls: null,
    });
    const refused = thrownRefusal(() => engineEndpoint({ DOCKER_HOST: "tcp://admin:hunter2@10.0.0.5:2375" }));
    expect(refused.code).toBe("bad_request:engine_plain_tcp");
    expect(refused.message).toContain("10.0.0.5:2375 is set to be reached over plain TCP");
    expect(refused.hint).toContain("DOCKER_TLS_VERIFY=1");
    expect(`${refused.message} ${refused.hint}`).not.toContain("hunter2");
  });

  it("names a scheme it cannot drive yet", () => {
    expect(thrownRefusal(() => engineEndpoint({ DOCKER_HOST: "ssh://ann@engine.example" })).message).toContain(
      "ssh://",
    );
    expect(thrownRefusal(() => engineEndpoint({ DOCKER_HOST: "tcp://" })).message).toBe(
      "DOCKER_HOST starts with tcp:// but names no host.",
    );
  });
});

describe("engine addresses", () => {
  it("tells loopback hosts apart", () => {
    expect(["127.0.0.1", "127.8.0.1", "localhost", "::1", "[::1]"].every(isLoopbackHost)).toBe(true);
    expect(["10.0.0.5", "0.0.0.0", "engine.example", "::"].some(isLoopbackHost)).toBe(false);
  });

  it("reaches a remote engine's ports published on all interfaces at its host, and refuses its loopback", () => {
    const remote = remoteAddresses("10.0.0.5");
    expect(remote.machineHost).toBe("10.0.0.5");
    expect(remote.publishedHost("0.0.0.0")).toBe("10.0.0.5");
    expect(remote.publishedHost("10.0.0.6")).toBe("10.0.0.6");
    const refused = thrownRefusal(() => remote.publishedHost("127.0.0.1"));
    expect(refused.code).toBe("bad_request:remote_loopback_bind");
    expect(refused.hint).toContain("deployment.bind_address");
  });

  it("says which file of DOCKER_CERT_PATH it cannot read", () => {
    const certDir = mkdtempSync(path.join(os.tmpdir(), "mycelium-certs-"));
    const refused = thrownRefusal(() => connectEngine({ kind: "tcp", host: "10.0.0.5", port: 2376, tls: { certDir } }));
    expect(refused.message).toBe(`Cannot read ca.pem for the Docker engine's TLS in ${certDir}: ENOENT.`);
  });

  it("keeps an engine on this machine's loopback local", () => {
    const target = connectEngine({ kind: "tcp", host: "127.0.0.1", port: 2375, tls: null });
    expect([target.remoteHost, target.publishedHost("0.0.0.0")]).toEqual([null, "127.0.0.1"]);
  });
});

describe("describeEngine", () => {
  it("says where the engine is, without credentials", () => {
    expect(describeEngine(engineEndpoint({}))).toBe("this machine (unix:///var/run/docker.sock)");
    expect(describeEngine(engineEndpoint({ DOCKER_HOST: "tcp://localhost:2375" }))).toBe(
      "this machine (tcp://localhost:2375)",
    );
    expect(describeEngine(engineEndpoint({ DOCKER_HOST: "tcp://ann:pw@10.0.0.5", DOCKER_TLS_VERIFY: "1" }))).toBe(
      "10.0.0.5:2376 over TLS",
    );
  });
});
