/**
 * Where a position of a YAML text sits in the config's structure, read from the lines and
 * their indentation rather than from a parse: the text being typed is rarely valid YAML.
 * Pure and browser-safe: the config editor's completion and hover docs use it.
 */

export interface YamlCursor {
  /** Keys from the document's root down to the map the position is in. */
  parentPath: string[];
  /** Typing a key (`  por|`) or the value of `key` (`  port: 54|`). */
  kind: "key" | "value";
  key: string | null;
  /** Offset where the word being typed starts; a value's opening quote belongs to the word. */
  from: number;
  /** Keys already written in the same map, the line being typed excepted. */
  siblings: string[];
}

const KEY = String.raw`[A-Za-z0-9_][A-Za-z0-9_.\-]*`;
const KEY_BEING_TYPED = new RegExp(String.raw`^( *)(${KEY})?$`);
const VALUE_BEING_TYPED = new RegExp(String.raw`^( *)(${KEY}): +((?:"[^"#]*)|[^"#\s]*)$`);
const KEY_LINE = new RegExp(String.raw`^( *)(${KEY}):(?: |$)`);
const OPENING_KEY_LINE = new RegExp(String.raw`^ *(${KEY}):\s*(#.*)?$`);

interface Line {
  text: string;
  start: number;
}

function linesOf(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (const line of text.split("\n")) {
    lines.push({ text: line, start });
    start += line.length + 1;
  }
  return lines;
}

function lineIndexAt(lines: readonly Line[], offset: number): number {
  let index = 0;
  while (index + 1 < lines.length && lines[index + 1]!.start <= offset) index++;
  return index;
}

const indentOf = (line: string) => line.length - line.trimStart().length;
const isBlank = (line: string) => line.trim() === "" || line.trimStart().startsWith("#");

/**
 * The keys of the maps that enclose a line indented by `indent`, outermost first; null when
 * the line sits in a sequence or under a scalar, where the schema has no keys to offer.
 */
function enclosingKeys(lines: readonly Line[], lineIndex: number, indent: number): string[] | null {
  const path: string[] = [];
  let limit = indent;
  for (let index = lineIndex - 1; index >= 0 && limit > 0; index--) {
    const { text } = lines[index]!;
    if (isBlank(text) || indentOf(text) >= limit) continue;
    const opening = OPENING_KEY_LINE.exec(text);
    if (!opening) return null;
    path.unshift(opening[1]!);
    limit = indentOf(text);
  }
  return limit === 0 ? path : null;
}

/** The keys written at `indent` in the block around `lineIndex`, that line excepted. */
function siblingKeys(lines: readonly Line[], lineIndex: number, indent: number): string[] {
  const keys: string[] = [];
  const collect = (step: 1 | -1) => {
    for (let index = lineIndex + step; index >= 0 && index < lines.length; index += step) {
      const { text } = lines[index]!;
      if (isBlank(text)) continue;
      if (indentOf(text) < indent) return;
      const key = KEY_LINE.exec(text);
      if (key && key[1]!.length === indent) keys.push(key[2]!);
    }
  };
  collect(-1);
  collect(1);
  return keys;
}

/** What is being typed at `offset`: a key of some map, or the value of a key; null elsewhere. */
export function yamlCursorAt(text: string, offset: number): YamlCursor | null {
  const lines = linesOf(text);
  const lineIndex = lineIndexAt(lines, offset);
  const line = lines[lineIndex]!;
  const before = line.text.slice(0, offset - line.start);
  const keyMatch = KEY_BEING_TYPED.exec(before);
  const valueMatch = keyMatch ? null : VALUE_BEING_TYPED.exec(before);
  const match = keyMatch ?? valueMatch;
  if (!match) return null;
  const indent = match[1]!.length;
  const parentPath = enclosingKeys(lines, lineIndex, indent);
  if (!parentPath) return null;
  const siblings = siblingKeys(lines, lineIndex, indent);
  if (keyMatch) return { parentPath, kind: "key", key: null, from: line.start + indent, siblings };
  return { parentPath, kind: "value", key: match[2]!, from: offset - match[3]!.length, siblings };
}

/** The key a line writes, as a dotted path from the root, and where its name sits; null for other lines. */
export function keyPathAt(text: string, offset: number): { path: string; from: number; to: number } | null {
  const lines = linesOf(text);
  const lineIndex = lineIndexAt(lines, offset);
  const line = lines[lineIndex]!;
  const match = KEY_LINE.exec(line.text);
  if (!match) return null;
  const parentPath = enclosingKeys(lines, lineIndex, match[1]!.length);
  if (!parentPath) return null;
  const from = line.start + match[1]!.length;
  return { path: [...parentPath, match[2]!].join("."), from, to: from + match[2]!.length };
}

/**
 * The span a finding at a 1-based line and column covers: from the column to the end of the
 * line's text. Positions past the end (findings of an older text) are clamped.
 */
export function findingSpan(text: string, line: number, column = 1): { from: number; to: number } {
  const lines = linesOf(text);
  const { text: lineText, start } = lines[Math.min(Math.max(line, 1), lines.length) - 1]!;
  const end = start + lineText.trimEnd().length;
  const from = Math.min(start + Math.max(column, 1) - 1, end);
  return from < end ? { from, to: end } : { from: Math.min(start + indentOf(lineText), end), to: end };
}
