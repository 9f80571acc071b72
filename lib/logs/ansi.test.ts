import { describe, expect, it } from "vitest";
import { applySgr, parseAnsi, stripAnsi } from "./ansi";

const plain = { fg: null, bg: null, bold: false };

describe("parseAnsi", () => {
  it("returns plain text as one segment, and nothing for an empty line", () => {
    expect(parseAnsi("hello")).toEqual([{ ...plain, text: "hello" }]);
    expect(parseAnsi("")).toEqual([]);
  });

  it("colours text with 30–37 and 90–97 and resets with 0", () => {
    expect(parseAnsi("a \x1b[31mred\x1b[0m b \x1b[92mbright\x1b[m")).toEqual([
      { ...plain, text: "a " },
      { ...plain, fg: 31, text: "red" },
      { ...plain, text: " b " },
      { ...plain, fg: 92, text: "bright" },
    ]);
  });

  it("combines bold and colour in one sequence and keeps them until reset", () => {
    expect(parseAnsi("\x1b[1;33mWARN\x1b[22m still yellow\x1b[39m default")).toEqual([
      { fg: 33, bg: null, bold: true, text: "WARN" },
      { fg: 33, bg: null, bold: false, text: " still yellow" },
      { ...plain, text: " default" },
    ]);
  });

  it("reads backgrounds and skips 256-colour arguments instead of misreading them", () => {
    expect(parseAnsi("\x1b[41mbg\x1b[49m")).toEqual([{ ...plain, bg: 41, text: "bg" }]);
    // 38;5;31 is colour 31 of the 256 palette, not "red"; 38;2;r;g;b likewise.
    expect(parseAnsi("\x1b[38;5;31mx\x1b[38;2;1;32;3my")).toEqual([{ ...plain, text: "xy" }]);
  });

  it("drops other escape sequences (cursor moves, OSC titles) without printing them", () => {
    expect(parseAnsi("\x1b[2K\x1b[1Gdone\x1b]0;title\x07!")).toEqual([{ ...plain, text: "done!" }]);
  });

  it("treats a lone ESC as nothing and keeps HTML as text", () => {
    expect(parseAnsi("<b>x</b>\x1b")).toEqual([{ ...plain, text: "<b>x</b>" }]);
  });
});

describe("applySgr / stripAnsi", () => {
  it("treats an empty parameter list as reset", () => {
    expect(applySgr({ fg: 31, bg: 41, bold: true }, "")).toEqual(plain);
  });
  it("removes every escape", () => {
    expect(stripAnsi("\x1b[1;31mERROR\x1b[0m: disk")).toBe("ERROR: disk");
    expect(stripAnsi("no escapes")).toBe("no escapes");
  });
});
