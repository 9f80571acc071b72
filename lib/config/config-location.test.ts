import { describe, expect, it } from "vitest";
import { resolveConfigPath, resolveDeploymentsRoot } from "./config-location";

describe("resolveConfigPath", () => {
  it("prefers $MYCELIUM_CONFIG", () => {
    expect(resolveConfigPath({ MYCELIUM_CONFIG: "/srv/my.yaml", XDG_CONFIG_HOME: "/x", HOME: "/h" })).toBe(
      "/srv/my.yaml",
    );
  });
  it("falls back to $XDG_CONFIG_HOME", () => {
    expect(resolveConfigPath({ XDG_CONFIG_HOME: "/x", HOME: "/h" })).toBe("/x/mycelium/config.yaml");
  });
  it("ignores a relative $XDG_CONFIG_HOME, as the XDG spec says", () => {
    expect(resolveConfigPath({ XDG_CONFIG_HOME: "rel", HOME: "/h" })).toBe("/h/.config/mycelium/config.yaml");
  });
  it("defaults to ~/.config", () => {
    expect(resolveConfigPath({ HOME: "/home/ada" })).toBe("/home/ada/.config/mycelium/config.yaml");
  });
});

describe("resolveDeploymentsRoot", () => {
  it("uses $XDG_DATA_HOME, else ~/.local/share", () => {
    expect(resolveDeploymentsRoot({ XDG_DATA_HOME: "/d", HOME: "/h" })).toBe("/d/mycelium/deployments");
    expect(resolveDeploymentsRoot({ HOME: "/h" })).toBe("/h/.local/share/mycelium/deployments");
  });
});
