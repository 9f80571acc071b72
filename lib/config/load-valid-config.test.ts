import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadValidConfig } from "./load-valid-config";

describe("loadValidConfig", () => {
  it("says once that there is no config, with the way to make one as the hint", async () => {
    const missing = path.join(os.tmpdir(), "mycelium-no-such-dir", "config.yaml");
    const refusal = loadValidConfig(missing);
    await expect(refusal).rejects.toMatchObject({ code: "not_found:config", message: `No config file at ${missing}.` });
    await expect(refusal).rejects.toMatchObject({
      hint: "Run `mycelium config init` or open the dashboard's first-run setup to create one.",
    });
  });

  it("names the first error of an invalid config and its fix", async () => {
    const home = await fs.mkdtemp(path.join(os.tmpdir(), "mycelium-invalid-"));
    try {
      const file = path.join(home, "config.yaml");
      await fs.writeFile(file, "services:\n  postgres:\n    port: 99999\n");
      const refusal = loadValidConfig(file);
      await expect(refusal).rejects.toMatchObject({
        code: "bad_request:config_invalid",
        message: `The config at ${file} has errors.`,
      });
      await expect(refusal).rejects.toMatchObject({ hint: expect.stringContaining("port") });
    } finally {
      await fs.rm(home, { recursive: true, force: true });
    }
  });
});
