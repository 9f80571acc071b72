/**
 * A small ANSI SGR parser for log text: colours 30–37 / 90–97 (and their backgrounds), bold,
 * reset. Everything else that starts with ESC is dropped, never rendered as raw HTML.
 */
export interface AnsiStyle {
  /** Foreground SGR code (30–37, 90–97), or null for the default colour. */
  fg: number | null;
  /** Background SGR code (40–47, 100–107), or null. */
  bg: number | null;
  bold: boolean;
}

export interface AnsiSegment extends AnsiStyle {
  text: string;
}

const PLAIN: AnsiStyle = { fg: null, bg: null, bold: false };

// CSI sequences (ESC [ params final), OSC sequences (ESC ] ... BEL/ST), and two-byte escapes.
const ESCAPE = /\x1b\[([0-9;?]*)([@-~])|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-Z\\-_]?/g;

export function parseAnsi(text: string): AnsiSegment[] {
  if (!text.includes("\x1b")) return text ? [{ ...PLAIN, text }] : [];
  const segments: AnsiSegment[] = [];
  let style: AnsiStyle = PLAIN;
  let last = 0;
  const push = (chunk: string) => {
    if (!chunk) return;
    const previous = segments.at(-1);
    if (previous && previous.fg === style.fg && previous.bg === style.bg && previous.bold === style.bold)
      previous.text += chunk;
    else segments.push({ ...style, text: chunk });
  };
  for (const match of text.matchAll(ESCAPE)) {
    push(text.slice(last, match.index));
    last = match.index + match[0].length;
    if (match[2] === "m") style = applySgr(style, match[1] ?? "");
  }
  push(text.slice(last));
  return segments;
}

export function applySgr(style: AnsiStyle, params: string): AnsiStyle {
  const codes = params === "" ? [0] : params.split(";").map((p) => (p === "" ? 0 : Number(p)));
  let next = { ...style };
  for (let i = 0; i < codes.length; i++) {
    const code = codes[i]!;
    if (code === 0) next = { ...PLAIN };
    else if (code === 1) next.bold = true;
    else if (code === 22) next.bold = false;
    else if ((code >= 30 && code <= 37) || (code >= 90 && code <= 97)) next.fg = code;
    else if (code === 39) next.fg = null;
    else if ((code >= 40 && code <= 47) || (code >= 100 && code <= 107)) next.bg = code;
    else if (code === 49) next.bg = null;
    else if (code === 38 || code === 48) {
      // 256-colour and true-colour forms are not drawn, but their arguments must not be
      // read as codes of their own (38;5;31 is not "red").
      i += codes[i + 1] === 5 ? 2 : codes[i + 1] === 2 ? 4 : 0;
    }
  }
  return next;
}

/** The text a user sees: every escape sequence removed. */
export function stripAnsi(text: string): string {
  return text.includes("\x1b") ? text.replace(ESCAPE, "") : text;
}
