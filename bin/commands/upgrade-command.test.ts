import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { connectEngine } from "../../lib/stack/engine-target";
import type { ProjectContext } from "../../lib/stack/project-context";
import { main } from "../cli";

// The engine's answer: the guide's stack runs temporalio/auto-setup:1.22.0.
vi.mock("../../lib/deploy/stack-status", () => ({
  readStackStatus: async (_docker: unknown, project: string) => ({
    project,
    deployed: true,
    services: [{ service: "temporal", image: "temporalio/auto-setup:1.22.0" }],
    volumes: [],
  }),
}));

let directory: string;
let context: ProjectContext;
let printed: string[];
let errors: string[];
beforeEach(async () => {
  directory = await mkdtemp(path.join(os.tmpdir(), "mycelium-upgrade-cli-"));
  await writeFile(path.join(directory, "config.yaml"), 'version: "1.0"\n');
  const paths = {
    configPath: path.join(directory, "config.yaml"),
    deploymentsRoot: path.join(directory, "deployments"),
    stateDirectory: directory,
  };
  // The engine's answers are mocked above: it is never called.
  context = { paths, engine: connectEngine({ kind: "unix", socketPath: "/nonexistent" }) };
  printed = [];
  errors = [];
  vi.spyOn(console, "log").mockImplementation((text: string) => void printed.push(text));
  vi.spyOn(console, "error").mockImplementation((text: string) => void errors.push(text));
});
afterEach(async () => {
  vi.restoreAllMocks();
  await rm(directory, { recursive: true, force: true });
});

describe("mycelium upgrade", () => {
  it("prints the plan as JSON with --json, and changes nothing", async () => {
    expect(await main(["upgrade", "--to", "1.32.2", "--json"], context)).toBe(0);
    const plan = JSON.parse(printed.join("\n"));
    expect(plan).toMatchObject({ from: "1.22.0", to: "1.32.2" });
    expect(plan.steps).toHaveLength(10);
  });

  it("shows the plan, then refuses to go on without a terminal unless --yes is given", async () => {
    expect(await main(["upgrade", "--to", "1.24.3"], context)).toBe(2);
    expect(printed[0]).toMatch(/^Upgrade plan for temporal-deployment: Temporal 1\.22\.0 → 1\.24\.3, 2 steps/);
    expect(printed[0]).toContain("schema: temporal 1.10 → 1.11, temporal_visibility 1.3 → 1.4");
    expect(printed[0]).toContain("⚠ There is no downgrade");
    expect(errors[0]).toBe(
      "mycelium: Not asking for confirmation without a terminal: pass --yes to go ahead non-interactively.",
    );
  });

  it("refuses an older target in words, exit 2", async () => {
    expect(await main(["upgrade", "--to", "1.21.6"], context)).toBe(2);
    expect(errors[0]).toMatch(/^✗ Cannot upgrade to 1\.21\.6: it is older than 1\.22\.0, the version running\./);
  });

  it("prints the history with --status", async () => {
    expect(await main(["upgrade", "--status"], context)).toBe(0);
    expect(printed).toEqual(["No upgrades of temporal-deployment yet. Plan one with `mycelium upgrade --to VERSION`."]);
  });

  it("needs --to or --status", async () => {
    expect(await main(["upgrade"], context)).toBe(2);
    expect(errors[0]).toBe("mycelium: upgrade needs --to VERSION (the plan) or --status (the history).");
  });
});
