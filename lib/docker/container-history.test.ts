import { describe, expect, it } from "vitest";
import { crashedSinceHealthy, crashWords } from "./container-history";

describe("crashedSinceHealthy", () => {
  it("is true between two attempts and while running again unhealthy after a crash", () => {
    expect(crashedSinceHealthy({ state: "restarting", health: "starting", restartCount: 0 })).toBe(true);
    expect(crashedSinceHealthy({ state: "running", health: "starting", restartCount: 1 })).toBe(true);
    expect(crashedSinceHealthy({ state: "running", health: "unhealthy", restartCount: 4 })).toBe(true);
    expect(crashedSinceHealthy({ state: "running", health: "none", restartCount: 2 })).toBe(true);
  });
  it("is false before the first crash, once healthy again, and for a container that stays stopped", () => {
    expect(crashedSinceHealthy({ state: "running", health: "starting", restartCount: 0 })).toBe(false);
    expect(crashedSinceHealthy({ state: "running", health: "healthy", restartCount: 3 })).toBe(false);
    expect(crashedSinceHealthy({ state: "exited", health: "unhealthy", restartCount: 3 })).toBe(false);
  });
});

describe("crashWords", () => {
  it("takes the last line that reads like an error, and a JSON record's msg and error", () => {
    const lines = [
      "+ temporal-server start",
      '{"level":"info","msg":"Starting server for services","value":["history"]}',
      '{"level":"fatal","msg":"Unable to create dynamic config ' +
        'client","error":"open x.yaml: no such file or directory"}',
      "exiting",
    ];
    expect(crashWords(lines)).toBe("Unable to create dynamic config client: open x.yaml: no such file or directory");
    expect(crashWords(['2026-12-07 FATAL:  password authentication failed for user "temporal"', "done"])).toBe(
      '2026-12-07 FATAL:  password authentication failed for user "temporal"',
    );
  });
  it("reads the sql tool's tab-separated records: message, then the error", () => {
    const line =
      '2026-12-07T16:53:43.496Z\tERROR\tUnable to create SQL database.\t{"error": ' +
      '"no usable database connection found", "logging-call-at": "handler.go:69"}';
    expect(crashWords(["2026-12-07T16:53:43.401Z\tINFO\tStarting schema setup", line])).toBe(
      "Unable to create SQL database: no usable database connection found",
    );
  });
  it("prefers the line that ended the run to a complaint printed after it", () => {
    const lines = [
      "Unable to create dynamic config client. Error: stat " +
        "config/dynamicconfig/development-sql.yaml: no such file or directory",
      'time=2026-12-07T17:57:05.940 level=ERROR msg="failed reaching server: connection refused"',
    ];
    expect(crashWords(lines)).toBe(lines[0]);
    expect(crashWords([lines[1]!, "bye"])).toBe(lines[1]);
  });
  it("falls back to the last line, and to nothing for no lines", () => {
    expect(crashWords(["starting", "  bye  "])).toBe("bye");
    expect(crashWords([])).toBeNull();
  });
});
