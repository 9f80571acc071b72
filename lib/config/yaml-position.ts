import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node, type Pair } from "yaml";

/**
 * Maps a finding's dotted path (`services.postgres.port`) back to a line and column of the
 * YAML text, so the CLI can print `config.yaml:12:11` and the editor can underline the spot.
 */

export interface SourcePosition {
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
}

/** Whether a finding is about a key (unknown key: point at its name) or about its value. */
export type PositionTarget = "key" | "value";

/**
 * Position of `path` in the document. Dynamic-config and extension keys contain dots
 * (`frontend.rps`), so a map is searched for the longest run of segments that names one of
 * its keys. When the path is not in the file (a default, or a missing key) the nearest
 * ancestor that is written there is used: a missing key points at the map that lacks it.
 */
export function locateFinding(
  document: Document,
  lineCounter: LineCounter,
  path: string,
  target: PositionTarget = "value",
): SourcePosition {
  const segments = path === "" ? [] : path.split(".");
  const node = findNode(document, segments, target);
  const offset = node?.range?.[0] ?? firstContentOffset(document);
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col };
}

function findNode(document: Document, segments: readonly string[], target: PositionTarget): Node | null {
  let current: unknown = document.contents;
  // The closest thing written in the file so far: the key of the last pair we walked through.
  let nearest: Node | null = null;
  let index = 0;
  while (index < segments.length) {
    current = isAlias(current) ? current.resolve(document) : current;
    if (isMap(current)) {
      const match = findPairBySegments(current.items, segments, index);
      if (!match) return nearest;
      const { pair, consumed } = match;
      index += consumed;
      const keyNode = isScalar(pair.key) ? pair.key : null;
      const valueNode = isNodeLike(pair.value) && !isEmptyScalar(pair.value) ? pair.value : null;
      if (index === segments.length) {
        return target === "key" ? (keyNode ?? valueNode) : (valueNode ?? keyNode);
      }
      nearest = keyNode ?? nearest;
      current = pair.value;
    } else if (isSeq(current)) {
      const item = current.items[Number(segments[index])];
      if (!isNodeLike(item)) return nearest;
      index += 1;
      if (index === segments.length) return item;
      nearest = item;
      current = item;
    } else {
      return nearest;
    }
  }
  return isNodeLike(current) ? current : nearest;
}

function findPairBySegments(
  items: readonly Pair[],
  segments: readonly string[],
  from: number,
): { pair: Pair; consumed: number } | null {
  for (let end = segments.length; end > from; end--) {
    const key = segments.slice(from, end).join(".");
    const pair = items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === key);
    if (pair) return { pair, consumed: end - from };
  }
  return null;
}

function isNodeLike(value: unknown): value is Node {
  return isScalar(value) || isMap(value) || isSeq(value) || isAlias(value);
}

/** `redis:` with nothing after it: the null value sits after the colon; its key is the useful spot. */
function isEmptyScalar(node: Node): boolean {
  return (
    isScalar(node) &&
    node.value === null &&
    node.range !== undefined &&
    node.range !== null &&
    node.range[0] === node.range[1]
  );
}

function firstContentOffset(document: Document): number {
  const contents = document.contents;
  return isNodeLike(contents) ? (contents.range?.[0] ?? 0) : 0;
}
