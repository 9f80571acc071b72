import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { version } from "../package.json";
import { main } from "./cli";
import { commandUsage, fullUsage } from "./command-usage";

/** The command modules main() loaded so far: a factory runs only when its module is imported. */
const loaded = vi.hoisted(() => [] as string[]);
vi.mock("./commands/deploy-command", () => {
  loaded.push("deploy");
  return { runDeployCommand: async () => 0 };
});
vi.mock("./commands/validate-command", () => {
  loaded.push("validate");
  return { runValidateCommand: async () => 0 };
});
vi.mock("./commands/fix-command", () => {
  loaded.push("fix");
  return { runFixCommand: async () => 0 };
});

let printed: string[];
let errors: string[];
beforeEach(() => {
  printed = [];
  errors = [];
  vi.spyOn(console, "log").mockImplementation((text: string) => void printed.push(text));
  vi.spyOn(console, "error").mockImplementation((text: string) => void errors.push(text));
});
afterEach(() => vi.restoreAllMocks());

describe("help where people type it", () => {
  it.each([[["deploy", "--help"]], [["deploy", "-h"]], [["help", "deploy"]], [["deploy", "start", "--help"]]])(
    "mycelium %j prints the deploy usage and exits 0",
    async (argv) => {
      expect(await main(argv)).toBe(0);
      expect(printed).toEqual([commandUsage("deploy")]);
    },
  );

  it("prints every command for `mycelium --help` and `mycelium help`", async () => {
    expect(await main(["--help"])).toBe(0);
    expect(await main(["help"])).toBe(0);
    expect(printed).toEqual([fullUsage(), fullUsage()]);
    expect(fullUsage()).toContain(commandUsage("fix").split("\n")[1]);
  });

  it("prints the version from package.json", async () => {
    expect(await main(["--version"])).toBe(0);
    expect(printed).toEqual([version]);
  });

  it("refuses help on a command that does not exist", async () => {
    expect(await main(["help", "deplo"])).toBe(2);
    expect(errors[0]).toBe('mycelium: Unknown command "deplo".');
  });

  it("passes --help after `--` to the command as data", async () => {
    expect(await main(["validate", "--", "--help"])).toBe(0);
    expect(printed).toEqual([]);
  });
});

describe("the lazy command table", () => {
  it("loads no command's module for help, and only the command that runs", async () => {
    loaded.length = 0;
    await main(["--help"]);
    await main(["deploy", "--help"]);
    await main(["help", "fix"]);
    await main(["--version"]);
    expect(loaded).toEqual([]);

    await main(["deploy", "status"]);
    expect(loaded).toEqual(["deploy"]);
  });
});
