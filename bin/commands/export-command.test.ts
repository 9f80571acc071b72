import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { MyceliumError } from "../../lib/errors";
import type { ProjectContext } from "../../lib/stack/project-context";
import { UsageError } from "../cli-support";
import { runExportCommand } from "./export-command";
import { fileOnlyContext } from "../../test/support/file-context";

describe("mycelium export helm", () => {
  let home: string;
  let out: string;
  let printed: string[];
  let context: ProjectContext;
  beforeEach(async () => {
    home = await fs.mkdtemp(path.join(os.tmpdir(), "mycelium-export-"));
    out = path.join(home, "out");
    context = await fileOnlyContext(
      home,
      'version: "1.0"\nproject_name: shop\nservices:\n  temporal:\n    version: "1.32.2"\n',
    );
    vi.stubEnv("MYCELIUM_POSTGRES_PASSWORD", "");
    printed = [];
    vi.spyOn(console, "log").mockImplementation((text: string) => void printed.push(text));
  });
  afterEach(async () => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
    await fs.rm(home, { recursive: true, force: true });
  });

  it("writes values, NOTES and a 0600 Secret, and never prints the password", async () => {
    vi.stubEnv("MYCELIUM_POSTGRES_PASSWORD", "pw-only-in-secret");
    expect(
      await runExportCommand(
        ["helm", "--out", out, "--postgres-host", "db.internal", "--postgres-port", "6432"],
        context,
      ),
    ).toBe(0);
    const values = await fs.readFile(path.join(out, "values.yaml"), "utf8");
    expect(values).toContain("connectAddr: db.internal:6432");
    expect(values).not.toContain("pw-only-in-secret");
    const secret = path.join(out, "temporal-postgres-secret.yaml");
    expect((await fs.stat(secret)).mode & 0o777).toBe(0o600);
    expect(await fs.readFile(secret, "utf8")).toContain("password: pw-only-in-secret");
    expect(await fs.readFile(path.join(out, "NOTES.txt"), "utf8")).toContain("helm install temporal temporal");
    expect(printed.join("\n")).not.toContain("pw-only-in-secret");
  });

  it("takes a reused server's password from the deployment's .env", async () => {
    const configFile = path.join(home, "config.yaml");
    await fs.appendFile(configFile, "  postgres:\n    reuse_existing: true\n    port: 5433\n");
    const deployment = path.join(home, "deployments", "shop");
    await fs.mkdir(deployment, { recursive: true });
    await fs.writeFile(path.join(deployment, ".env"), "POSTGRES_USER=postgres\nREUSED_POSTGRES_PASSWORD=reused-pw\n");
    expect(await runExportCommand(["helm", "--out", out, "--postgres-host", "db.internal"], context)).toBe(0);
    expect(await fs.readFile(path.join(out, "values.yaml"), "utf8")).toContain("connectAddr: db.internal:5433");
    expect(await fs.readFile(path.join(out, "temporal-postgres-secret.yaml"), "utf8")).toContain("password: reused-pw");
  });

  it("writes no Secret when the password is not known, and says how to make one", async () => {
    expect(await runExportCommand(["helm", "--out", out, "--postgres-host", "db.internal"], context)).toBe(0);
    await expect(fs.stat(path.join(out, "temporal-postgres-secret.yaml"))).rejects.toThrow();
    expect(printed.join("\n")).toContain("No Secret manifest: set MYCELIUM_POSTGRES_PASSWORD");
  });

  it("refuses to write anything without a database address", async () => {
    await expect(runExportCommand(["helm", "--out", out], context)).rejects.toBeInstanceOf(MyceliumError);
    await expect(fs.stat(out)).rejects.toThrow();
  });

  it("knows only the helm target and checks the port", async () => {
    await expect(runExportCommand(["compose"], context)).rejects.toBeInstanceOf(UsageError);
    await expect(runExportCommand(["helm", "--postgres-port", "99999"], context)).rejects.toThrow(
      "--postgres-port must be 1–65535",
    );
  });
});
