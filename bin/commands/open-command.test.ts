import { describe, expect, it } from "vitest";
import { desktopOpener } from "./open-command";

describe("desktopOpener", () => {
  it("opens with open on macOS and xdg-open where Linux has a display", () => {
    expect(desktopOpener("darwin", {})).toBe("open");
    expect(desktopOpener("linux", { DISPLAY: ":0" })).toBe("xdg-open");
    expect(desktopOpener("linux", { WAYLAND_DISPLAY: "wayland-0" })).toBe("xdg-open");
  });

  it("only prints on a headless machine, on CI and on Windows", () => {
    expect(desktopOpener("linux", {})).toBeNull();
    expect(desktopOpener("darwin", { CI: "true" })).toBeNull();
    expect(desktopOpener("linux", { DISPLAY: ":0", CI: "1" })).toBeNull();
    expect(desktopOpener("win32", {})).toBeNull();
  });
});
