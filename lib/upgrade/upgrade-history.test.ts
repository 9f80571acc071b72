import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  readUpgradeHistory,
  saveUpgradeRecord,
  UPGRADE_HISTORY_LIMIT,
  upgradeHistoryPath,
  type UpgradeRecord,
} from "./upgrade-history";

let stateHome: string;
let stateDirectory: string;

beforeEach(async () => {
  stateHome = await mkdtemp(path.join(os.tmpdir(), "mycelium-upgrades-"));
  stateDirectory = path.join(stateHome, "mycelium");
});
afterEach(() => rm(stateHome, { recursive: true, force: true }));

function record(id: string, changes: Partial<UpgradeRecord> = {}): UpgradeRecord {
  return {
    id,
    project: "demo",
    from: "1.22.0",
    to: "1.23.1",
    pid: process.pid,
    startedAt: "2026-12-07T10:15:00.000Z",
    finishedAt: null,
    state: "running",
    backupId: "20261207-101500-000",
    runningVersion: "1.22.0",
    steps: [],
    error: null,
    restoreCommand: "mycelium backup restore 20261207-101500-000 --confirm demo",
    ...changes,
  };
}

describe("upgrade history", () => {
  it("lives in the state directory, one file per project, readable by its owner only", async () => {
    await saveUpgradeRecord(record("a"), stateDirectory);
    const file = upgradeHistoryPath("demo", stateDirectory);
    expect(file).toBe(path.join(stateHome, "mycelium", "upgrades", "demo.json"));
    const stored = JSON.parse(await readFile(file, "utf8"));
    expect(stored).toMatchObject({ format: "mycelium-upgrades/1", upgrades: [{ id: "a" }] });
    expect(() => upgradeHistoryPath("../etc", stateDirectory)).toThrow();
  });

  it("replaces an upgrade by id as it progresses, newest first, and keeps the newest ones", async () => {
    await saveUpgradeRecord(record("a"), stateDirectory);
    await saveUpgradeRecord(record("a", { state: "succeeded", runningVersion: "1.23.1" }), stateDirectory);
    for (let i = 0; i < UPGRADE_HISTORY_LIMIT; i++)
      await saveUpgradeRecord(record(`b${i}`, { state: "failed" }), stateDirectory);
    const history = await readUpgradeHistory("demo", stateDirectory);
    expect(history).toHaveLength(UPGRADE_HISTORY_LIMIT);
    expect(history[0]?.id).toBe(`b${UPGRADE_HISTORY_LIMIT - 1}`);
    expect(history.some((entry) => entry.id === "a")).toBe(false);
  });

  it("reads an upgrade whose process is gone as interrupted", async () => {
    await saveUpgradeRecord(record("dead", { pid: 2 ** 22 + 1 }), stateDirectory);
    await saveUpgradeRecord(record("alive"), stateDirectory);
    expect((await readUpgradeHistory("demo", stateDirectory)).map((entry) => [entry.id, entry.state])).toEqual([
      ["alive", "running"],
      ["dead", "interrupted"],
    ]);
  });

  it("reads a damaged file as no history", async () => {
    await saveUpgradeRecord(record("a"), stateDirectory);
    await writeFile(upgradeHistoryPath("demo", stateDirectory), "{ not json");
    expect(await readUpgradeHistory("demo", stateDirectory)).toEqual([]);
  });
});
