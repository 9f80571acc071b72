import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { MyceliumError } from "../errors";
import { computeEtag, previousVersionPath, readStoredConfig, writeStoredConfig } from "./config-store";

let dir: string;
let file: string;

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "mycelium-store-"));
  file = path.join(dir, "nested", "config.yaml");
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe("config store", () => {
  it("reports a missing file with the 'absent' ETag", async () => {
    const stored = await readStoredConfig(file);
    expect(stored.exists).toBe(false);
    expect(stored.etag).toBe(computeEtag(null));
  });

  it("creates the file with mode 0600 and returns the new ETag", async () => {
    const { etag } = await writeStoredConfig(file, 'version: "1.0"\n', computeEtag(null));
    const stored = await readStoredConfig(file);
    expect(new TextDecoder().decode(stored.bytes)).toBe('version: "1.0"\n');
    expect(stored.etag).toBe(etag);
    expect((await fs.stat(file)).mode & 0o777).toBe(0o600);
  });

  it("keeps the previous version beside the file", async () => {
    const first = await writeStoredConfig(file, "a: 1\n", null);
    await writeStoredConfig(file, "a: 2\n", first.etag);
    expect(await fs.readFile(previousVersionPath(file), "utf8")).toBe("a: 1\n");
    expect(await fs.readFile(file, "utf8")).toBe("a: 2\n");
  });

  it("refuses a stale write with a 409 and leaves the file untouched", async () => {
    const first = await writeStoredConfig(file, "a: 1\n", null);
    await fs.writeFile(file, "edited on disk\n");
    const attempt = writeStoredConfig(file, "a: 3\n", first.etag);
    await expect(attempt).rejects.toBeInstanceOf(MyceliumError);
    await expect(attempt).rejects.toMatchObject({ status: 409, code: "conflict:config_changed" });
    expect(await fs.readFile(file, "utf8")).toBe("edited on disk\n");
  });

  it("lets only one of two concurrent writes with the same ETag win", async () => {
    const first = await writeStoredConfig(file, "a: 1\n", null);
    const results = await Promise.allSettled([
      writeStoredConfig(file, "a: 2\n", first.etag),
      writeStoredConfig(file, "a: 3\n", first.etag),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.filter((r) => r.status === "rejected")).toHaveLength(1);
  });

  it("leaves no temp files behind", async () => {
    await writeStoredConfig(file, "a: 1\n", null);
    const entries = await fs.readdir(path.dirname(file));
    expect(entries.sort()).toEqual(["config.yaml"]);
  });
});
