import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadClientConnectConfig } from "@temporalio/envconfig";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { MyceliumError } from "../errors";
import { spliceProfile, temporalConfigPath, writeTemporalProfile } from "./temporal-profile";

const ours = { address: "127.0.0.1:7233", namespace: "default" };
/** Our profile as the SDK writes it, under `name`, with `eol` line endings. */
const oursAs = (name: string, eol = "\n") =>
  [`[profile.${name}]`, 'address = "127.0.0.1:7233"', 'namespace = "default"', ""].join(eol);

const EXISTING = `# Temporal client profiles, kept by hand.
[profile.default]
address = "localhost:7233"   # the dev server
namespace = "default"

# Production: do not touch.
[profile.prod]
address = "prod.example:7233"
namespace = 'payments'
api_key = "secret"

[profile.prod.tls]
server_name = "prod.example"

[profile.prod.grpc_meta]
x-team = "core"
`;

describe("spliceProfile", () => {
  it("appends a new profile and keeps every byte before it", () => {
    const result = spliceProfile(EXISTING, "mycelium", ours);
    expect(result.startsWith(EXISTING)).toBe(true);
    expect(result.slice(EXISTING.length)).toBe(`\n${oursAs("mycelium")}`);
  });

  it("replaces the profile where it is, with its sub-tables, and keeps the rest byte for byte", () => {
    const text = `${EXISTING}
# ours, from an earlier write
[profile.mycelium]
address = "127.0.0.1:1111"
namespace = "old"
# trailing note about the next table

[profile.mycelium.tls]
disabled = false

[profile.zzz]
address = "z:1" # keep me
`;
    const result = spliceProfile(text, "mycelium", ours);
    expect(result).toBe(`${EXISTING}
# ours, from an earlier write
[profile.mycelium]
address = "127.0.0.1:7233"
namespace = "default"
# trailing note about the next table


[profile.zzz]
address = "z:1" # keep me
`);
    // Written again with the same facts: nothing changes.
    expect(spliceProfile(result, "mycelium", ours)).toBe(result);
  });

  it("creates the file's content from nothing", () => {
    expect(spliceProfile("", "dev", ours)).toBe(oursAs("dev"));
    expect(spliceProfile("# only a comment", "dev", ours)).toBe(`# only a comment\n\n${oursAs("dev")}`);
  });

  it("finds a quoted header and keeps Windows line endings", () => {
    const text = '[profile."dev"]\r\naddress = "x:1"\r\n\r\n[profile.other]\r\naddress = "y:2"\r\n';
    expect(spliceProfile(text, "dev", ours)).toBe(`${oursAs("dev", "\r\n")}\r\n[profile.other]\r\naddress = "y:2"\r\n`);
  });

  it("is not fooled by a header-like line inside a multi-line string", () => {
    const text = `[profile.other]
address = "y:2"
namespace = """
[profile.dev]
"""
`;
    const result = spliceProfile(text, "dev", ours);
    expect(result.startsWith(text)).toBe(true);
  });

  it("refuses a malformed file with the line, and a profile it cannot replace in place", () => {
    expect(() => spliceProfile('[profile.dev\naddress = "x"\n', "dev", ours, "/home/u/temporal.toml")).toThrow(
      /\/home\/u\/temporal\.toml cannot be read: it is not valid TOML \(.*line 1, column \d+\)/,
    );
    expect(() => spliceProfile("profile = 3\n", "dev", ours)).toThrow(/`profile` must be a table of profiles/);
    const both = '[profile.dev.tls]\nclient_cert_path = "a"\nclient_cert_data = "b"\n';
    expect(() => spliceProfile(both, "x", ours)).toThrow(/the Temporal SDK refuses it/);
    const inline = '[profile]\ndev = { address = "x:1" }\n';
    expect(() => spliceProfile(inline, "dev", ours)).toThrow(/cannot update in place/);
    expect(() => spliceProfile("", "bad name", ours)).toThrow(MyceliumError);
  });
});

describe("temporalConfigPath", () => {
  it("follows the SDK: TEMPORAL_CONFIG_FILE, then the platform's config directory", () => {
    expect(temporalConfigPath({ TEMPORAL_CONFIG_FILE: "/x/t.toml", HOME: "/h" }, "linux")).toBe("/x/t.toml");
    expect(temporalConfigPath({ HOME: "/h" }, "linux")).toBe("/h/.config/temporalio/temporal.toml");
    expect(temporalConfigPath({ HOME: "/h", XDG_CONFIG_HOME: "/xdg" }, "linux")).toBe("/xdg/temporalio/temporal.toml");
    expect(temporalConfigPath({ HOME: "/h", XDG_CONFIG_HOME: "rel" }, "linux")).toBeNull();
    const mac = "/h/Library/Application Support/temporalio/temporal.toml";
    expect(temporalConfigPath({ HOME: "/h" }, "darwin")).toBe(mac);
    expect(temporalConfigPath({}, "linux")).toBeNull();
  });
});

describe("writeTemporalProfile", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), "mycelium-profile-"));
  });
  afterEach(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it("creates the directory and file, then the SDK's own loader reads the profile", async () => {
    const file = path.join(dir, "nested", "temporalio", "temporal.toml");
    const env = { TEMPORAL_CONFIG_FILE: file };
    const written = await writeTemporalProfile("mycelium", ours, env);
    expect(written).toEqual({ path: file, profile: "mycelium", outcome: "created" });
    expect((await fs.stat(file)).mode & 0o777).toBe(0o600);
    const loaded = loadClientConnectConfig({ profile: "mycelium", configSource: { path: file }, disableEnv: true });
    expect(loaded).toMatchObject({ namespace: "default", connectionOptions: { address: "127.0.0.1:7233" } });
    expect((await writeTemporalProfile("mycelium", ours, env)).outcome).toBe("unchanged");
  });

  it("keeps the mode, writes through a symlink, and leaves a malformed file untouched", async () => {
    const real = path.join(dir, "real.toml");
    await fs.writeFile(real, EXISTING, { mode: 0o640 });
    await fs.chmod(real, 0o640);
    const link = path.join(dir, "temporal.toml");
    await fs.symlink(real, link);
    const written = await writeTemporalProfile("mycelium", ours, { TEMPORAL_CONFIG_FILE: link });
    expect(written).toEqual({ path: real, profile: "mycelium", outcome: "updated" });
    expect((await fs.lstat(link)).isSymbolicLink()).toBe(true);
    expect((await fs.stat(real)).mode & 0o777).toBe(0o640);
    expect((await fs.readFile(real, "utf8")).startsWith(EXISTING)).toBe(true);

    const broken = `${EXISTING}\n[profile.prod]\naddress = "dup"\n`;
    await fs.writeFile(real, broken);
    const writing = writeTemporalProfile("mycelium", ours, { TEMPORAL_CONFIG_FILE: link });
    await expect(writing).rejects.toThrow(/cannot be read: it is not valid TOML/);
    expect(await fs.readFile(real, "utf8")).toBe(broken);
    expect((await fs.readdir(dir)).sort()).toEqual(["real.toml", "temporal.toml"]);
  });
});
