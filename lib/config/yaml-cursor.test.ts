import { describe, expect, it } from "vitest";
import { findingSpan, keyPathAt, yamlCursorAt } from "./yaml-cursor";

/** The text with `|` removed, and the offset where it was. */
function at(textWithCaret: string): [string, number] {
  const offset = textWithCaret.indexOf("|");
  return [textWithCaret.replace("|", ""), offset];
}

const config = [
  'version: "1.0"',
  "services:",
  "  postgres:",
  "    port: 5432",
  "    ",
  "  temporal:",
  "    enabled: true",
];

describe("yamlCursorAt", () => {
  it("reads a key being typed inside nested maps, with the keys already there", () => {
    const [text, offset] = at([...config.slice(0, 4), "    ver|", ...config.slice(5)].join("\n"));
    expect(yamlCursorAt(text, offset)).toEqual({
      parentPath: ["services", "postgres"],
      kind: "key",
      key: null,
      from: text.indexOf("ver\n"),
      siblings: ["port"],
    });
  });

  it("reads a key on an empty line from the caret's indentation", () => {
    const [text, offset] = at([...config.slice(0, 4), "  |", ...config.slice(5)].join("\n"));
    expect(yamlCursorAt(text, offset)).toMatchObject({
      parentPath: ["services"],
      kind: "key",
      siblings: ["postgres", "temporal"],
    });
    const [top, topOffset] = at(["project_name: x", "|"].join("\n"));
    expect(yamlCursorAt(top, topOffset)).toMatchObject({ parentPath: [], kind: "key", siblings: ["project_name"] });
  });

  it("reads a value being typed, its opening quote included", () => {
    const [text, offset] = at(['version: "1|', "services:"].join("\n"));
    expect(yamlCursorAt(text, offset)).toMatchObject({ parentPath: [], kind: "value", key: "version", from: 9 });
    const [plain, plainOffset] = at(["services:", "  temporal:", "    db_plugin: post|"].join("\n"));
    expect(yamlCursorAt(plain, plainOffset)).toMatchObject({ parentPath: ["services", "temporal"], key: "db_plugin" });
    expect(yamlCursorAt(plain, plainOffset)?.from).toBe(plain.indexOf("post"));
  });

  it("offers nothing in comments, sequences or under a scalar", () => {
    const [comment, commentOffset] = at("# a comment|");
    expect(yamlCursorAt(comment, commentOffset)).toBeNull();
    const inSequence = ["dynamic_config:", "  frontend.rps:", "    - value: 1", "      |"];
    const [sequence, sequenceOffset] = at(inSequence.join("\n"));
    expect(yamlCursorAt(sequence, sequenceOffset)).toBeNull();
    const [scalar, scalarOffset] = at(["project_name: x", "  |"].join("\n"));
    expect(yamlCursorAt(scalar, scalarOffset)).toBeNull();
  });
});

describe("keyPathAt", () => {
  it("names the key a line writes, with the span of its name", () => {
    const text = config.join("\n");
    const offset = text.indexOf("5432");
    const from = text.indexOf("port");
    expect(keyPathAt(text, offset)).toEqual({ path: "services.postgres.port", from, to: from + 4 });
    expect(keyPathAt(text, text.indexOf("    \n"))).toBeNull();
  });
});

describe("findingSpan", () => {
  const text = ["services:", "  postgres:", "    port: 70000   ", "", "x: 1"].join("\n");

  it("covers from the finding's column to the end of the line's text", () => {
    const start = text.indexOf("    port");
    expect(findingSpan(text, 3, 11)).toEqual({ from: start + 10, to: start + 15 });
  });

  it("clamps positions of an older, longer text", () => {
    expect(findingSpan(text, 3, 99)).toEqual({ from: text.indexOf("port"), to: text.indexOf("70000") + 5 });
    expect(findingSpan(text, 40)).toEqual({ from: text.length - 4, to: text.length });
    expect(findingSpan(text, 4)).toEqual({ from: text.indexOf("\n\n") + 1, to: text.indexOf("\n\n") + 1 });
  });
});
