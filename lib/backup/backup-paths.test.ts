import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  backupDirectory,
  backupIdTime,
  newBackupId,
  projectBackupsDirectory,
  resolveBackupsRoot,
} from "./backup-paths";

const env = { XDG_DATA_HOME: "/data", HOME: "/home/u" };

describe("backup paths", () => {
  it("live beside the deployments, under the XDG data home or ~/.local/share", () => {
    expect(resolveBackupsRoot(env)).toBe("/data/mycelium/backups");
    expect(resolveBackupsRoot({ HOME: "/home/u" })).toBe("/home/u/.local/share/mycelium/backups");
    expect(projectBackupsDirectory("temporal-deployment", env)).toBe("/data/mycelium/backups/temporal-deployment");
  });

  it("name backups by their UTC start time, sortable, and read the time back", () => {
    const id = newBackupId(new Date("2025-03-14T10:15:30.123Z"));
    expect(id).toBe("20250314-101530-123");
    expect(backupIdTime(id)?.toISOString()).toBe("2025-03-14T10:15:30.123Z");
    expect(newBackupId(new Date("2025-03-14T10:15:30.124Z")) > id).toBe(true);
  });

  it.each([
    "../20250314-101530-123",
    "20250314-101530-123/..",
    "/etc/passwd",
    "..",
    "",
    "20250314-101530-12",
    "20251314-101530-123",
    "20250230-101530-123",
    "20250314-101530-123\u0000",
    " 20250314-101530-123",
  ])("refuses %j as an id", (id) => {
    expect(backupIdTime(id)).toBeNull();
    expect(() => backupDirectory("p", id, env)).toThrow(expect.objectContaining({ code: "bad_request:backup_id" }));
  });

  it("resolves a valid id to a direct child of the project's directory", () => {
    expect(backupDirectory("p", "20250314-101530-123", env)).toBe(
      path.join("/data/mycelium/backups/p", "20250314-101530-123"),
    );
    expect(() => backupDirectory("../p", "20250314-101530-123", env)).toThrow(
      expect.objectContaining({ code: "bad_request:project_name" }),
    );
  });
});
