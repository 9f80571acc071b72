import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createTarGz } from "./tar-archive";

describe("createTarGz", () => {
  it("writes an archive that tar itself extracts, byte for byte", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "mycelium-tar-"));
    try {
      const archive = path.join(dir, "bundle.tar.gz");
      const binary = new Uint8Array(1500).map((_, i) => i % 251);
      writeFileSync(
        archive,
        createTarGz([
          { path: "bundle/report.json", content: '{"status":"healthy"}\n' },
          { path: "bundle/logs/postgres.log", content: "ünïcödé line\n".repeat(100) },
          { path: "bundle/blob.bin", content: binary },
          { path: `bundle/${"deep/".repeat(25)}file.txt`, content: "long path\n" },
        ]),
      );
      execFileSync("tar", ["-xzf", archive, "-C", dir]);
      expect(readFileSync(path.join(dir, "bundle/report.json"), "utf8")).toBe('{"status":"healthy"}\n');
      expect(readFileSync(path.join(dir, "bundle/logs/postgres.log"), "utf8")).toBe("ünïcödé line\n".repeat(100));
      expect(new Uint8Array(readFileSync(path.join(dir, "bundle/blob.bin")))).toEqual(binary);
      expect(readFileSync(path.join(dir, `bundle/${"deep/".repeat(25)}file.txt`), "utf8")).toBe("long path\n");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses paths too long for a ustar header", () => {
    expect(() => createTarGz([{ path: "x".repeat(120), content: "" }])).toThrow(/too long/);
    expect(() => createTarGz([{ path: `${"p".repeat(160)}/name`, content: "" }])).toThrow(/too long/);
  });
});
