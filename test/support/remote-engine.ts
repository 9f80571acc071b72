import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, openSync, promises as fs, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Docker from "dockerode";
import { docker as mainDocker, ensureLocalImage } from "./docker-fixtures";
import { waitUntil } from "./docker-daemon";

/**
 * A second Docker engine that is really remote as far as the product can tell: a dockerd in a
 * network namespace made here, on its own address at the end of a veth pair, with its own data
 * root, exec root and socket, answering TCP+TLS only with certificates made here by openssl.
 * Nothing of the host's own interfaces, routes or firewall is touched; traffic goes only to
 * that namespace. Needs root.
 */

const TLS_PORT = 2376;
/** Test networks live in 10.231.0.0/16; each run takes a random /29 in it. */
const TEST_RANGE_PREFIX = "10.231";

export interface RemoteEngine {
  /** The engine's address, inside its namespace: the one its certificate names. */
  readonly host: string;
  /** A second address of the same engine, which its certificate does not name. */
  readonly unnamedHost: string;
  readonly port: number;
  /** DOCKER_CERT_PATH of a client the engine trusts (ca.pem, cert.pem, key.pem). */
  readonly clientCertDir: string;
  /** DOCKER_CERT_PATH whose ca.pem is an unrelated CA: the engine's certificate must not verify. */
  readonly wrongCaCertDir: string;
  /** DOCKER_CERT_PATH with the right ca.pem but a client certificate the engine does not trust. */
  readonly untrustedClientCertDir: string;
  /** The environment a Docker client (the CLI, `docker`) uses to drive this engine over TLS. */
  readonly env: Record<string, string>;
  /** The engine, through its own unix socket (the test's side door: no TLS). */
  readonly docker: Docker;
  /** Copy images from this machine's engine: the namespace cannot reach the local registry. */
  loadImages(images: readonly string[]): Promise<void>;
  stop(): Promise<void>;
}

function requirePrerequisites(): void {
  if (process.getuid?.() !== 0)
    throw new Error("The remote engine test makes a network namespace and starts a dockerd, which needs root.");
  for (const tool of ["ip", "openssl", "nsenter", "dockerd"]) {
    try {
      execFileSync("sh", ["-c", `command -v ${tool}`], { stdio: "ignore" });
    } catch {
      throw new Error(`The remote engine test needs \`${tool}\` (scripts/prepare-test-machine.sh installs it).`);
    }
  }
}

function run(command: string, args: string[], options: { cwd?: string } = {}): string {
  return execFileSync(command, args, { ...options, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

/** IPv4 "a.b.c.d/n" as [first, last] address numbers. */
function ipv4Range(cidr: string): [number, number] {
  const [address, bits = "32"] = cidr.split("/");
  const value = address!.split(".").reduce((sum, octet) => sum * 256 + Number(octet), 0);
  const size = 2 ** (32 - Number(bits));
  const first = value - (value % size);
  return [first, first + size - 1];
}

/**
 * A random /29 in the test range that no route or address of this machine overlaps: this
 * machine's end, and two of the engine's.
 */
function pickFreeSubnet(): { hostIp: string; engineIp: string; unnamedEngineIp: string } {
  const taken = [
    ...run("ip", ["-4", "route", "show", "table", "all"]).matchAll(/^(?:\S+ )?(\d+\.\d+\.\d+\.\d+(?:\/\d+)?)/gm),
    ...run("ip", ["-4", "-o", "addr"]).matchAll(/inet (\S+)/g),
  ].map((match) => ipv4Range(match[1]!));
  for (let attempt = 0; attempt < 50; attempt++) {
    const third = Math.floor(Math.random() * 256);
    const fourth = Math.floor(Math.random() * 32) * 8;
    const [first, last] = ipv4Range(`${TEST_RANGE_PREFIX}.${third}.${fourth}/29`);
    if (taken.some(([from, to]) => from <= last && first <= to)) continue;
    const address = (offset: number) => `${TEST_RANGE_PREFIX}.${third}.${fourth + offset}`;
    return { hostIp: address(1), engineIp: address(2), unnamedEngineIp: address(3) };
  }
  throw new Error(
    `No free /29 in ${TEST_RANGE_PREFIX}.0.0/16: every candidate overlaps a route or address of this machine.`,
  );
}

function makeCa(dir: string, name: string): void {
  run(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-days",
      "1",
      "-subj",
      `/CN=${name}`,
      "-keyout",
      `${name}-key.pem`,
      "-out",
      `${name}.pem`,
    ],
    { cwd: dir },
  );
}

/** A certificate `ca` signs for `name`, with the given extensions (subjectAltName, key usage). */
function signCertificate(dir: string, ca: string, name: string, extensions: string): void {
  run(
    "openssl",
    [
      "req",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-subj",
      `/CN=${name}`,
      "-keyout",
      `${name}-key.pem`,
      "-out",
      `${name}.csr`,
    ],
    { cwd: dir },
  );
  writeFileSync(path.join(dir, `${name}.ext`), `${extensions}\n`);
  run(
    "openssl",
    [
      "x509",
      "-req",
      "-days",
      "1",
      "-in",
      `${name}.csr`,
      "-CA",
      `${ca}.pem`,
      "-CAkey",
      `${ca}-key.pem`,
      "-CAcreateserial",
      "-extfile",
      `${name}.ext`,
      "-out",
      `${name}-cert.pem`,
    ],
    { cwd: dir },
  );
}

/** A DOCKER_CERT_PATH directory under Docker's file names. */
async function clientCertDir(
  root: string,
  name: string,
  files: { ca: string; cert: string; key: string },
): Promise<string> {
  const dir = path.join(root, name);
  await fs.mkdir(dir, { mode: 0o700 });
  await fs.copyFile(files.ca, path.join(dir, "ca.pem"));
  await fs.copyFile(files.cert, path.join(dir, "cert.pem"));
  await fs.copyFile(files.key, path.join(dir, "key.pem"));
  return dir;
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Best effort: each cleanup step runs whatever the others did. */
function quietly(command: string, args: string[]): void {
  try {
    run(command, args);
  } catch {
    // already gone
  }
}

export async function startRemoteEngine(): Promise<RemoteEngine> {
  requirePrerequisites();
  const id = randomBytes(3).toString("hex");
  const namespace = `mycelium-remote-${id}`;
  const hostVeth = `myc${id}h`;
  const engineVeth = `myc${id}e`;
  const root = mkdtempSync(path.join(os.tmpdir(), "mycelium-remote-"));
  const certs = path.join(root, "certs");
  await fs.mkdir(certs, { mode: 0o700 });
  const { hostIp, engineIp, unnamedEngineIp } = pickFreeSubnet();

  let pid: number | null = null;
  const stop = async () => {
    if (pid !== null && pidAlive(pid)) {
      process.kill(pid, "SIGTERM");
      await waitUntil(() => !pidAlive(pid!), 60_000, "the remote dockerd did not exit").catch(() =>
        process.kill(pid!, "SIGKILL"),
      );
    }
    // Mounts the daemon left (overlay layers, netns files) under its roots, deepest first.
    const leftMounts = readFileSync("/proc/mounts", "utf8")
      .split("\n")
      .map((line) => line.split(" ")[1] ?? "")
      .filter((mount) => mount.startsWith(`${root}/`))
      .reverse();
    for (const mount of leftMounts) quietly("umount", ["-l", mount]);
    quietly("ip", ["netns", "delete", namespace]);
    quietly("ip", ["link", "delete", hostVeth]);
    await fs.rm(root, { recursive: true, force: true });
  };

  try {
    makeCa(certs, "ca");
    signCertificate(certs, "ca", "server", `subjectAltName=IP:${engineIp}\nextendedKeyUsage=serverAuth`);
    signCertificate(certs, "ca", "client", "extendedKeyUsage=clientAuth");
    makeCa(certs, "other-ca");
    signCertificate(certs, "other-ca", "stranger", "extendedKeyUsage=clientAuth");
    const clientDir = await clientCertDir(root, "client", {
      ca: path.join(certs, "ca.pem"),
      cert: path.join(certs, "client-cert.pem"),
      key: path.join(certs, "client-key.pem"),
    });
    const wrongCaDir = await clientCertDir(root, "wrong-ca", {
      ca: path.join(certs, "other-ca.pem"),
      cert: path.join(certs, "client-cert.pem"),
      key: path.join(certs, "client-key.pem"),
    });
    const untrustedClientDir = await clientCertDir(root, "stranger", {
      ca: path.join(certs, "ca.pem"),
      cert: path.join(certs, "stranger-cert.pem"),
      key: path.join(certs, "stranger-key.pem"),
    });

    run("ip", ["netns", "add", namespace]);
    run("ip", ["link", "add", hostVeth, "type", "veth", "peer", "name", engineVeth]);
    run("ip", ["link", "set", engineVeth, "netns", namespace]);
    run("ip", ["addr", "add", `${hostIp}/29`, "dev", hostVeth]);
    run("ip", ["link", "set", hostVeth, "up"]);
    for (const address of [engineIp, unnamedEngineIp])
      run("ip", ["-n", namespace, "addr", "add", `${address}/29`, "dev", engineVeth]);
    run("ip", ["-n", namespace, "link", "set", engineVeth, "up"]);
    run("ip", ["-n", namespace, "link", "set", "lo", "up"]);

    // nsenter enters only the network namespace: `ip netns exec` also remounts /sys, which
    // hides the cgroup mounts dockerd needs ("Devices cgroup isn't mounted").
    const socketPath = path.join(root, "docker.sock");
    const configFile = path.join(root, "daemon.json");
    await fs.writeFile(configFile, "{}\n"); // not the host's daemon.json (its registry mirror is unreachable from here)
    const log = openSync(path.join(root, "dockerd.log"), "a");
    const child = spawn(
      "nsenter",
      [
        `--net=/var/run/netns/${namespace}`,
        "dockerd",
        `--config-file=${configFile}`,
        `--data-root=${path.join(root, "data")}`,
        `--exec-root=${path.join(root, "exec")}`,
        `--pidfile=${path.join(root, "dockerd.pid")}`,
        `--host=unix://${socketPath}`,
        `--host=tcp://${engineIp}:${TLS_PORT}`,
        `--host=tcp://${unnamedEngineIp}:${TLS_PORT}`,
        "--tlsverify",
        `--tlscacert=${path.join(certs, "ca.pem")}`,
        `--tlscert=${path.join(certs, "server-cert.pem")}`,
        `--tlskey=${path.join(certs, "server-key.pem")}`,
      ],
      { detached: true, stdio: ["ignore", log, log] },
    );
    child.unref();
    pid = child.pid ?? null;
    const docker = new Docker({ socketPath });
    await waitUntil(
      async () => {
        if (child.exitCode !== null)
          throw new Error(
            `the remote dockerd exited with ${child.exitCode}:\n` +
              (await fs.readFile(path.join(root, "dockerd.log"), "utf8")),
          );
        return (
          existsSync(socketPath) &&
          (await docker.ping().then(
            () => true,
            () => false,
          ))
        );
      },
      60_000,
      "the remote dockerd did not answer",
    );

    return {
      host: engineIp,
      unnamedHost: unnamedEngineIp,
      port: TLS_PORT,
      clientCertDir: clientDir,
      wrongCaCertDir: wrongCaDir,
      untrustedClientCertDir: untrustedClientDir,
      env: { DOCKER_HOST: `tcp://${engineIp}:${TLS_PORT}`, DOCKER_TLS_VERIFY: "1", DOCKER_CERT_PATH: clientDir },
      docker,
      async loadImages(images) {
        for (const image of images) {
          await ensureLocalImage(image);
          const archive = await mainDocker.getImage(image).get();
          const loading = await docker.loadImage(archive);
          await new Promise<void>((resolve, reject) =>
            docker.modem.followProgress(loading, (error: Error | null) => (error ? reject(error) : resolve())),
          );
        }
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
