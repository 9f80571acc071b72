import { isPair, isScalar, visit, type Document, type LineCounter, type YAMLError } from "yaml";
import type { Finding } from "./findings";

/**
 * The yaml library's errors and warnings as findings. Its messages are terse
 * ("Map keys must be unique"); the common ones get a message naming the key or line and
 * a concrete fix.
 */
export function findingsFromYamlProblems(document: Document, lineCounter: LineCounter): Finding[] {
  return [
    ...document.errors.map((error) => findingFromYamlProblem(error, "error", document, lineCounter)),
    ...document.warnings.map((warning) => findingFromYamlProblem(warning, "warning", document, lineCounter)),
  ];
}

function findingFromYamlProblem(
  problem: YAMLError,
  severity: Finding["severity"],
  document: Document,
  lineCounter: LineCounter,
): Finding {
  const offset = problem.pos[0];
  const { line, col } = lineCounter.linePos(offset);
  const at = { line, column: col };
  switch (problem.code) {
    case "TAB_AS_INDENT":
      return {
        severity,
        code: "yaml-tab-indent",
        path: "",
        message: `line ${line} is indented with a tab: YAML forbids tabs for indentation`,
        fix: "replace the tab with spaces (2 per level, aligned with the keys around it)",
        ...at,
      };
    case "DUPLICATE_KEY":
      return duplicateKeyFinding(offset, document, lineCounter, severity, at);
    case "MULTIPLE_DOCS":
      return {
        severity,
        code: "yaml-multiple-documents",
        path: "",
        message: `line ${line} starts a second YAML document (---): the config must be a single document`,
        fix: "remove the --- line and everything after it, or merge the two parts",
        ...at,
      };
    case "BLOCK_AS_IMPLICIT_KEY":
    case "MULTILINE_IMPLICIT_KEY":
      return {
        severity,
        code: "yaml-syntax",
        path: "",
        message: `YAML syntax error on line ${line}: ${problem.message}`,
        fix: 'a value that contains ": " or "#" must be quoted; a nested mapping goes on its own, indented lines',
        ...at,
      };
    case "RESOURCE_EXHAUSTION":
      return {
        severity,
        code: "config-too-complex",
        path: "",
        message: `the YAML on line ${line} is nested too deeply to be a configuration file`,
        fix: "restore the file from `config.yaml.previous` or run `mycelium config init`",
        ...at,
      };
    default:
      return {
        severity,
        code: severity === "error" ? "yaml-syntax" : "yaml-warning",
        path: "",
        message:
          `YAML ${severity === "error" ? "syntax error" : "warning"} ` +
          `on line ${line}, column ${col}: ${problem.message}`,
        fix:
          severity === "error"
            ? "check the indentation (spaces only, two per level) and that every quote and bracket is closed"
            : "review this line",
        ...at,
      };
  }
}

function duplicateKeyFinding(
  offset: number,
  document: Document,
  lineCounter: LineCounter,
  severity: Finding["severity"],
  at: { line: number; column: number },
): Finding {
  // Find the map holding the repeated key to name it and where it first appeared.
  const found: { key?: string; firstLine?: number; parentPath?: string } = {};
  visit(document, {
    Map(_, map, ancestors) {
      const repeated = map.items.find(
        (pair) =>
          isScalar(pair.key) && pair.key.range != null && pair.key.range[0] <= offset && offset < pair.key.range[1],
      );
      if (!repeated || !isScalar(repeated.key)) return undefined;
      const key = String(repeated.key.value);
      const first = map.items.find((pair) => isScalar(pair.key) && String(pair.key.value) === key);
      const firstOffset = first && isScalar(first.key) ? first.key.range?.[0] : undefined;
      found.key = key;
      found.firstLine = firstOffset !== undefined ? lineCounter.linePos(firstOffset).line : undefined;
      found.parentPath = ancestors
        .filter(isPair)
        .map((pair) => (isScalar(pair.key) ? String(pair.key.value) : "?"))
        .join(".");
      return visit.BREAK;
    },
  });
  const { key, firstLine, parentPath } = found;
  if (key === undefined) {
    return {
      severity,
      code: "yaml-duplicate-key",
      path: "",
      message: `line ${at.line} repeats a key that already appears in the same mapping: YAML keys must be unique`,
      fix: "keep one of the two entries",
      ...at,
    };
  }
  const where = parentPath ? `in ${parentPath}` : "at the top level";
  return {
    severity,
    code: "yaml-duplicate-key",
    path: parentPath ? `${parentPath}.${key}` : key,
    message:
      `key \`${key}\` appears twice ${where} (line ${firstLine ?? "?"} ` +
      `and line ${at.line}): YAML keys must be unique`,
    fix: `keep one \`${key}:\` and delete the other`,
    ...at,
  };
}
