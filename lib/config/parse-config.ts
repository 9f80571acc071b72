import { isAlias, isMap, isScalar, LineCounter, parseDocument, visit, type Document, type Node } from "yaml";
import { checkConfigSemantics, type SemanticCheckOptions } from "./check-config";
import { hasErrors, type Finding } from "./findings";
import { quoteValue } from "./quote-value";
import { configSchema, type MyceliumConfig } from "./schema";
import { findingsFromSchemaIssues } from "./schema-issue-findings";
import { locateFinding, type PositionTarget } from "./yaml-position";
import { findingsFromYamlProblems } from "./yaml-syntax-findings";

/**
 * Config text → typed config plus findings, each pinned to a line and column. Pure: the
 * caller reads the file. The config is returned only when there is no error at all, so a
 * value like `project_name: ../../etc` can never reach code that builds paths from it.
 */

/** A config file is a few kilobytes; anything above this is refused before parsing. */
export const MAX_CONFIG_BYTES = 1024 * 1024;

/** Aliases may be used, but not to build an exponentially large document ("billion laughs"). */
const MAX_ALIAS_EXPANSION = 100;

/**
 * Nesting deeper than this is no config file. The yaml parser survives deeper input but
 * spends seconds on it, so it is refused before parsing.
 */
const MAX_NESTING_DEPTH = 64;

/** Findings about a key itself (point at its name), rather than about its value. */
const FINDINGS_ABOUT_KEYS: ReadonlySet<string> = new Set([
  "unknown-key",
  "postgres-setting-unknown",
  "postgres-setting-managed",
  "postgres-setting-forbidden",
  "dynamic-config-unknown-key",
  "dynamic-config-not-a-key",
  "dynamic-config-bad-constraint",
]);

export interface ConfigParseResult {
  /** The validated config with defaults applied; null when any finding is an error. */
  config: MyceliumConfig | null;
  findings: Finding[];
  /** The parsed YAML (for editors); null when the text was refused before parsing. */
  document: Document | null;
}

export function parseConfigText(text: string, options: SemanticCheckOptions = {}): ConfigParseResult {
  if (exceedsByteLimit(text)) return refused(tooLargeFinding());
  // The yaml parser accepts a BOM, but it would shift every column on line 1 by one.
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (exceedsNestingLimit(source)) {
    return refused({
      severity: "error",
      code: "config-too-complex",
      path: "",
      message:
        `the file nests lists or mappings more than ` +
        `${MAX_NESTING_DEPTH} levels deep, which no configuration needs`,
      fix: "restore the file from `config.yaml.previous` or run `mycelium config init`",
      line: 1,
      column: 1,
    });
  }

  const lineCounter = new LineCounter();
  const document = parseDocument(source, { lineCounter, prettyErrors: false, merge: true, uniqueKeys: true });
  const yamlFindings = findingsFromYamlProblems(document, lineCounter);
  if (hasErrors(yamlFindings)) return { config: null, findings: yamlFindings, document };

  const shapeFinding = checkDocumentShape(document, source, lineCounter);
  if (shapeFinding) return { config: null, findings: [...yamlFindings, shapeFinding], document };

  const expanded = expandDocument(document, lineCounter);
  if ("finding" in expanded) return { config: null, findings: [...yamlFindings, expanded.finding], document };

  const place = (finding: Finding): Finding =>
    finding.line !== undefined
      ? finding
      : { ...finding, ...locateFinding(document, lineCounter, finding.path, targetOf(finding)) };

  const parsed = configSchema.safeParse(expanded.value);
  if (!parsed.success) {
    const schemaFindings = findingsFromSchemaIssues(parsed.error.issues, {
      input: expanded.value,
      sourceTextAt: (path) => scalarSource(document, source, path),
    });
    return { config: null, findings: inReadingOrder([...yamlFindings, ...schemaFindings.map(place)]), document };
  }

  const findings = inReadingOrder([...yamlFindings, ...checkConfigSemantics(parsed.data, options).map(place)]);
  return { config: hasErrors(findings) ? null : parsed.data, findings, document };
}

/**
 * Bytes read from disk or a request body → text. A fatal decoder turns invalid UTF-8 into a
 * finding instead of U+FFFD characters that would later fail validation mysteriously.
 */
export function decodeConfigBytes(bytes: Uint8Array): { text: string } | { finding: Finding } {
  if (bytes.length > MAX_CONFIG_BYTES) return { finding: tooLargeFinding() };
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return {
      finding: {
        severity: "error",
        code: "config-not-utf8",
        path: "",
        message: "the file is encoded as UTF-16; YAML config files must be UTF-8",
        fix: "save the file as UTF-8 (in most editors: Save with Encoding → UTF-8)",
        line: 1,
        column: 1,
      },
    };
  }
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes) };
  } catch {
    const offset = firstInvalidUtf8Offset(bytes);
    let line = 1;
    let lineStart = 0;
    for (let index = 0; index < offset; index++) {
      if (bytes[index] === 0x0a) {
        line += 1;
        lineStart = index + 1;
      }
    }
    const byte = (bytes[offset] ?? 0).toString(16).toUpperCase().padStart(2, "0");
    return {
      finding: {
        severity: "error",
        code: "config-not-utf8",
        path: "",
        message: `the file is not valid UTF-8: byte 0x${byte} on line ${line} is not part of a UTF-8 character`,
        fix:
          "save the file as UTF-8 (in most editors: Save with Encoding → " +
          "UTF-8); accented letters saved as Latin-1 are the usual cause",
        line,
        column: offset - lineStart + 1,
      },
    };
  }
}

/** Top to bottom, as a reader meets them in the file (the sort is stable within a line). */
function inReadingOrder(findings: Finding[]): Finding[] {
  return findings.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
}

function refused(finding: Finding): ConfigParseResult {
  return { config: null, findings: [finding], document: null };
}

function tooLargeFinding(): Finding {
  return {
    severity: "error",
    code: "config-too-large",
    path: "",
    message: `the file is larger than ${MAX_CONFIG_BYTES / 1024 / 1024} MiB; a Mycelium config is a few kilobytes`,
    fix: "check that this is the right file, or run `mycelium config init` to start from the defaults",
    line: 1,
    column: 1,
  };
}

function exceedsByteLimit(text: string): boolean {
  // Each UTF-16 unit encodes to 1–3 UTF-8 bytes, so most texts are decided without encoding.
  if (text.length > MAX_CONFIG_BYTES) return true;
  if (text.length * 3 <= MAX_CONFIG_BYTES) return false;
  return new TextEncoder().encode(text).length > MAX_CONFIG_BYTES;
}

/**
 * Counts flow brackets anywhere (even inside strings: a false alarm needs 64 unclosed
 * brackets) and `- - -` block sequences opened on one line.
 */
function exceedsNestingLimit(text: string): boolean {
  let flowDepth = 0;
  let atLineStart = true;
  let dashesOnLine = 0;
  for (let index = 0; index < text.length; index++) {
    const char = text.charCodeAt(index);
    if (char === 0x5b || char === 0x7b) {
      if (++flowDepth > MAX_NESTING_DEPTH) return true;
    } else if ((char === 0x5d || char === 0x7d) && flowDepth > 0) {
      flowDepth -= 1;
    }
    if (char === 0x0a) {
      atLineStart = true;
      dashesOnLine = 0;
    } else if (
      atLineStart &&
      char === 0x2d &&
      (text.charCodeAt(index + 1) === 0x20 || text.charCodeAt(index + 1) === 0x09)
    ) {
      if (++dashesOnLine > MAX_NESTING_DEPTH) return true;
    } else if (char !== 0x20 && char !== 0x09) {
      atLineStart = false;
    }
  }
  return false;
}

function checkDocumentShape(document: Document, source: string, lineCounter: LineCounter): Finding | null {
  const contents = document.contents;
  if (contents === null || (isScalar(contents) && contents.value === null)) {
    const onlyComments = source.trim() !== "";
    return {
      severity: "error",
      code: "config-empty",
      path: "",
      message: onlyComments ? "the file is empty: it holds only comments" : "the file is empty",
      fix: "run `mycelium config init` to write a commented default configuration",
      line: 1,
      column: 1,
    };
  }
  if (isMap(contents)) return null;
  const { line, col } = lineCounter.linePos(contents.range?.[0] ?? 0);
  const found = isScalar(contents) ? `a single value (${quoteValue(contents.value)})` : "a list";
  return {
    severity: "error",
    code: "config-not-a-mapping",
    path: "",
    message: `the top level of the file must be a mapping of keys (version:, project_name:, services: …), not ${found}`,
    fix: 'start the file with `version: "1.0"` and the other top-level keys, without a leading `- `',
    line,
    column: col,
  };
}

/** Resolves aliases with an expansion budget, so an alias bomb is refused without being built. */
function expandDocument(document: Document, lineCounter: LineCounter): { value: unknown } | { finding: Finding } {
  try {
    return { value: document.toJS({ maxAliasCount: MAX_ALIAS_EXPANSION }) };
  } catch (error) {
    const excessive = error instanceof ReferenceError && /excessive alias count/i.test(error.message);
    const alias = excessive ? firstAlias(document) : firstUnresolvedAlias(document);
    const { line, col } = lineCounter.linePos(alias?.range?.[0] ?? 0);
    const name = alias && isAlias(alias) ? `*${alias.source}` : "an alias";
    return {
      finding: excessive
        ? {
            severity: "error",
            code: "yaml-alias-bomb",
            path: "",
            message:
              `the file's anchors and aliases (${name} …) would expand to an enormous ` +
              `document ("billion laughs"); it was refused without expanding it`,
            fix: "write the values out instead of nesting aliases of aliases",
            line,
            column: col,
          }
        : {
            severity: "error",
            code: "yaml-alias-unresolved",
            path: "",
            message: `${name} on line ${line} refers to an anchor that is not defined before it`,
            fix:
              `define the anchor (&${alias && isAlias(alias) ? alias.source : "name"}) ` +
              `on an earlier value, or write the value out`,
            line,
            column: col,
          },
    };
  }
}

function firstAlias(document: Document): Node | null {
  const found: { alias?: Node } = {};
  visit(document, {
    Alias(_, alias) {
      found.alias = alias;
      return visit.BREAK;
    },
  });
  return found.alias ?? null;
}

function firstUnresolvedAlias(document: Document): Node | null {
  const found: { alias?: Node } = {};
  visit(document, {
    Alias(_, alias) {
      if (alias.resolve(document) !== undefined) return undefined;
      found.alias = alias;
      return visit.BREAK;
    },
  });
  return found.alias ?? null;
}

function targetOf(finding: Finding): PositionTarget {
  return FINDINGS_ABOUT_KEYS.has(finding.code) ? "key" : "value";
}

/** The scalar at `path` exactly as written, e.g. `15.10` where YAML read the number 15.1. */
function scalarSource(document: Document, source: string, path: readonly PropertyKey[]): string | undefined {
  const node = document.getIn(
    path.map((segment) => (typeof segment === "symbol" ? String(segment) : segment)),
    true,
  );
  if (!isScalar(node) || !node.range) return undefined;
  const written = source.slice(node.range[0], node.range[1]).trim();
  return written === "" ? undefined : written;
}

/**
 * Index of the first byte of the first invalid UTF-8 sequence. Decoding prefixes in streaming
 * mode is monotone (a valid prefix stays valid when shortened), so a binary search finds where
 * decoding breaks.
 */
function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  const decodesAsPrefix = (length: number) => {
    try {
      new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(0, length), { stream: true });
      return true;
    } catch {
      return false;
    }
  };
  let valid = 0;
  let invalid = bytes.length + 1;
  while (invalid - valid > 1) {
    const middle = Math.floor((valid + invalid) / 2);
    if (decodesAsPrefix(middle)) valid = middle;
    else invalid = middle;
  }
  // The decoder notices a bad sequence at the byte that breaks it; report the sequence's first byte.
  for (let back = 1; back <= 3 && valid - back >= 0; back++) {
    const byte = bytes[valid - back] ?? 0;
    if ((byte & 0xc0) === 0x80) continue;
    const sequenceLength = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return back < sequenceLength ? valid - back : Math.min(valid, bytes.length - 1);
  }
  return Math.min(valid, bytes.length - 1);
}
