import type { z } from "zod";
import { didYouMean } from "./did-you-mean";
import type { Finding } from "./findings";
import { postgresSettingSpec } from "./postgres-settings";
import { briefText, describeValue as describe, quoteValue as formatYamlScalar } from "./quote-value";
import { allowedKeysAt, defaultValueAt, numberBoundsAt } from "./schema-introspection";
import { dynamicConfigKey } from "./temporal-dynamic-config";

/**
 * Turns zod's issues into findings a person can act on: the field's full path, what was
 * written, what is allowed, and the exact edit that fixes it. zod's own messages
 * ("expected number, received string") stay out of sight.
 */

type Issue = z.core.$ZodIssue;
type PathSegment = PropertyKey;

export interface IssueContext {
  /** The JS value that was validated (the parsed YAML). */
  input: unknown;
  /** The scalar's text as written in the file (`15.10` for a number YAML read as 15.1), when known. */
  sourceTextAt(path: readonly PathSegment[]): string | undefined;
}

export function findingsFromSchemaIssues(issues: readonly Issue[], context: IssueContext): Finding[] {
  return issues.flatMap((issue) => findingsForIssue(issue, [], context));
}

function findingsForIssue(issue: Issue, prefix: readonly PathSegment[], context: IssueContext): Finding[] {
  const path = [...prefix, ...issue.path];
  switch (issue.code) {
    case "unrecognized_keys":
      return issue.keys.map((key) => unknownKeyFinding(path, key));
    case "invalid_type":
      return [wrongTypeFinding(path, issue.expected, context)];
    case "too_small":
    case "too_big":
      return [rangeFinding(path, issue, context)];
    case "invalid_format":
      return [formatFinding(path, issue.message, context)];
    case "invalid_value":
      return [valueFinding(path, issue.values, issue.message, context)];
    case "invalid_union":
      return unionFindings(path, issue.errors, context);
    default:
      return [
        {
          severity: "error",
          code: "invalid-value",
          path: dotted(path),
          message: `${displayName(path)}: ${issue.message}`,
          fix: "correct the value as described in the field reference",
        },
      ];
  }
}

function unknownKeyFinding(parentPath: readonly PathSegment[], key: string): Finding {
  const where = parentPath.length > 0 ? dotted(parentPath) : "the top level";
  const path = dotted([...parentPath, key]);
  const shownKey = briefText(key);
  const base = { severity: "error" as const, code: "unknown-key", path };
  const parent = dotted(parentPath);
  // A real setting written one level too high is a common slip worth naming precisely.
  if (parent === "services.postgres" && postgresSettingSpec(key)) {
    return {
      ...base,
      message: `unknown key \`${shownKey}\` in ${where}: it is a PostgreSQL setting`,
      fix: `move it under services.postgres.custom_config`,
    };
  }
  if (parent === "services.temporal" && dynamicConfigKey(key)) {
    return {
      ...base,
      message: `unknown key \`${shownKey}\` in ${where}: it is a Temporal dynamic-config key`,
      fix: `move it under services.temporal.dynamic_config`,
    };
  }
  const allowed = allowedKeysAt(parentPath);
  const suggestion = didYouMean(key, allowed);
  return {
    ...base,
    message:
      `unknown key \`${shownKey}\` in ${where}` +
      (suggestion ? ` — did you mean \`${suggestion}\`?` : "") +
      " (unknown keys are refused so that a typo is never silently ignored)",
    fix: suggestion
      ? `rename \`${shownKey}\` to \`${suggestion}\``
      : `remove it; ${where} accepts: ${allowed.join(", ")}`,
  };
}

function wrongTypeFinding(path: readonly PathSegment[], expected: string, context: IssueContext): Finding {
  const value = valueAt(context.input, path);
  const name = displayName(path);
  const field = String(path[path.length - 1] ?? "");
  const defaultValue = defaultValueAt(path);
  const base = { severity: "error" as const, code: "wrong-type", path: dotted(path) };

  if (value === undefined) {
    const parent = displayName(path.slice(0, -1));
    return {
      ...base,
      code: "missing-key",
      message: `${parent} needs a \`${field}\` key`,
      fix: `add \`${field}: …\` to ${parent}`,
    };
  }
  if (value === null) {
    const isCollection = expected === "object" || expected === "record" || expected === "array";
    return {
      ...base,
      code: "empty-value",
      message: `${name} has no value`,
      fix: isCollection
        ? `indent its keys under \`${field}:\`, or delete the line to use the defaults`
        : `write a ` +
          `value${defaultValue !== undefined ? ` (the default is ${formatYamlScalar(defaultValue)})` : ""}, ` +
          `or delete the line to use the default`,
    };
  }
  if (expected === "number" || expected === "int") {
    if (typeof value === "string") {
      const numeric = /^\s*-?\d+(\.\d+)?\s*$/.test(value);
      return {
        ...base,
        message: `${name} must be a number, not ${describe(value)}`,
        fix: numeric
          ? `write ${briefText(value.trim())} without quotes`
          : `write a number such as ${formatYamlScalar(defaultValue ?? 1)}`,
      };
    }
    if (typeof value === "number") {
      return {
        ...base,
        message: `${name} must be a whole number, not ${value}`,
        fix: `write a whole number such as ${Math.trunc(value)}`,
      };
    }
  }
  if (expected === "string" && (typeof value === "number" || typeof value === "boolean")) {
    const written = briefText(context.sourceTextAt(path) ?? String(value));
    if (field === "version" || field.endsWith("_version")) {
      const misread =
        written !== String(value)
          ? `unquoted, YAML read ${written} as the number ${String(value)}`
          : `unquoted, YAML reads a version as a number (15.10 would become 15.1)`;
      return {
        ...base,
        code: "unquoted-version",
        message: `${name} must be a quoted string: ${misread}`,
        fix: `write ${field}: "${written}"`,
      };
    }
    return { ...base, message: `${name} must be text, not ${describe(value)}`, fix: `write "${written}" in quotes` };
  }
  if (expected === "boolean" && typeof value === "string") {
    const meaning = booleanMeaning(value);
    return {
      ...base,
      message: `${name} must be true or false, not ${describe(value)}`,
      fix: meaning === null ? "write true or false" : `write ${meaning} (YAML 1.2 reads yes/no/on/off as text)`,
    };
  }
  if ((expected === "object" || expected === "record") && typeof path[path.length - 1] === "number") {
    // A list entry that should be a mapping: the dynamic-config `- value: … / constraints: {}` form.
    return {
      ...base,
      message: `${name} must be a mapping of keys, not ${describe(value)}`,
      fix: `write the entry as \`- value: ${formatYamlScalar(value)}\` with \`constraints: {}\` on the next line`,
    };
  }
  if (expected === "object" || expected === "record") {
    return {
      ...base,
      message: `${name} must be a mapping of keys, not ${describe(value)}`,
      fix: `put its keys on the lines below \`${field}:\`, indented`,
    };
  }
  if (expected === "array") {
    return {
      ...base,
      message: `${name} must be a list, not ${describe(value)}`,
      fix: "write each entry on its own line, starting with `- `",
    };
  }
  return {
    ...base,
    message: `${name} must be ${TYPE_WORDS[expected] ?? expected}, not ${describe(value)}`,
    fix: `write ${TYPE_WORDS[expected] ?? expected}`,
  };
}

function rangeFinding(
  path: readonly PathSegment[],
  issue: Extract<Issue, { code: "too_small" | "too_big" }>,
  context: IssueContext,
): Finding {
  const name = displayName(path);
  const value = valueAt(context.input, path);
  const base = { severity: "error" as const, code: "out-of-range", path: dotted(path) };
  if (issue.origin === "number") {
    const declared = numberBoundsAt(path);
    const min = declared.min ?? (issue.code === "too_small" ? Number(issue.minimum) : null);
    const max = declared.max ?? (issue.code === "too_big" ? Number(issue.maximum) : null);
    const defaultValue = defaultValueAt(path);
    const allowed =
      min !== null && max !== null
        ? `between ${min} and ${max}`
        : min !== null
          ? issue.inclusive === false
            ? `greater than ${min}`
            : `at least ${min}`
          : `at most ${String(max)}`;
    return {
      ...base,
      message: `${name} must be ${allowed}, not ${String(value)}`,
      fix: `choose a value ${allowed}` + (typeof defaultValue === "number" ? ` (the default is ${defaultValue})` : ""),
    };
  }
  if (issue.origin === "string") {
    const limit = Number(issue.code === "too_small" ? issue.minimum : issue.maximum);
    if (issue.code === "too_small" && limit <= 1) {
      return { ...base, message: `${name} is empty`, fix: "write a value, or delete the line to use the default" };
    }
    return {
      ...base,
      message: `${name} must be ${issue.code === "too_small" ? "at least" : "at most"} ${limit} characters long`,
      fix: issue.code === "too_small" ? "write a longer value" : "shorten it",
    };
  }
  if (issue.origin === "array") {
    return { ...base, message: `${name} must list at least one entry`, fix: "add an entry, or delete the key" };
  }
  return {
    ...base,
    message: `${name}: ${issue.message}`,
    fix: "correct the value as described in the field reference",
  };
}

/** Field-specific examples for values that failed a pattern, keyed by field name. */
const FORMAT_FIXES: Readonly<Record<string, (value: string) => string>> = {
  project_name: (value) => `use a name such as "${projectNameSuggestion(value)}"`,
  memory: () => "write a size such as 512m or 2g",
  bind_address: () => "write an IP address such as 127.0.0.1",
  database: () => "use lower-case letters, digits and _, starting with a letter (e.g. temporal)",
  user: () => "use lower-case letters, digits and _, starting with a letter (e.g. postgres)",
  namespace_retention: () => "write hours or days, e.g. 72h or 3d",
  ui_version: () => 'write a version such as "2.17.1"',
  image: () => "write an image reference such as registry.example.com/postgres:15.3",
  ui_image: () => "write an image reference such as registry.example.com/temporalio/ui:2.17.1",
};

function formatFinding(path: readonly PathSegment[], schemaMessage: string, context: IssueContext): Finding {
  const value = valueAt(context.input, path);
  const field = String(path[path.length - 1] ?? "");
  const defaultValue = defaultValueAt(path);
  const fixFor = FORMAT_FIXES[field];
  return {
    severity: "error",
    code: "invalid-value",
    path: dotted(path),
    message: withActualValue(schemaMessage, path, describe(value)),
    fix: fixFor
      ? fixFor(String(value))
      : defaultValue !== undefined
        ? `write a value like the default, ${formatYamlScalar(defaultValue)}`
        : "correct the value as described",
  };
}

function valueFinding(
  path: readonly PathSegment[],
  allowed: readonly unknown[],
  schemaMessage: string,
  context: IssueContext,
): Finding {
  const value = valueAt(context.input, path);
  const field = String(path[path.length - 1] ?? "");
  const written = context.sourceTextAt(path);
  const base = { severity: "error" as const, code: "invalid-value", path: dotted(path) };
  // `version: 1.0` unquoted: YAML reads the number 1, the schema wants the string "1.0".
  if (typeof value === "number" && written !== undefined && allowed.includes(written)) {
    return {
      ...base,
      code: "unquoted-version",
      message:
        `${displayName(path)} must be the quoted string "${written}": ` +
        `unquoted, YAML reads ${written} as the number ${value}`,
      fix: `write ${field}: "${written}"`,
    };
  }
  const options = allowed.map((option) => String(option));
  const suggestion = typeof value === "string" ? didYouMean(value, options) : null;
  const message = schemaMessage.startsWith(`${field} must`)
    ? withActualValue(schemaMessage, path, describe(value))
    : `${displayName(path)} must be one of ${options.join(", ")}, not ${describe(value)}`;
  return {
    ...base,
    message: message + (suggestion ? ` — did you mean \`${suggestion}\`?` : ""),
    fix: suggestion
      ? `write ${suggestion}`
      : options.length === 1
        ? `write ${field}: ${formatYamlScalar(allowed[0])}`
        : `write one of ${options.join(", ")}`,
  };
}

/**
 * A union (custom_config values, dynamic_config entries) fails as a whole. If the value had the
 * right shape for one branch, that branch's own issues are the useful ones; otherwise say
 * which shapes are allowed.
 */
function unionFindings(
  path: readonly PathSegment[],
  branches: readonly (readonly Issue[])[],
  context: IssueContext,
): Finding[] {
  const isShapeMismatch = (issues: readonly Issue[]) =>
    issues.every((issue) => issue.code === "invalid_type" && issue.path.length === 0);
  const matchingBranch = branches.find((issues) => !isShapeMismatch(issues));
  if (matchingBranch) return matchingBranch.flatMap((issue) => findingsForIssue(issue, path, context));

  const value = valueAt(context.input, path);
  const shapes = [
    ...new Set(
      branches.flatMap((issues) => issues.map((issue) => (issue.code === "invalid_type" ? issue.expected : ""))),
    ),
  ]
    .filter(Boolean)
    .map((expected) => UNION_SHAPE_WORDS[expected] ?? TYPE_WORDS[expected] ?? expected);
  const allowedShapes = joinWithOr(shapes);
  if (value === null) {
    return [
      {
        severity: "error",
        code: "empty-value",
        path: dotted(path),
        message: `${displayName(path)} has no value`,
        fix: `write ${allowedShapes}, or delete the line`,
      },
    ];
  }
  return [
    {
      severity: "error",
      code: "wrong-type",
      path: dotted(path),
      message: `${displayName(path)} must be ${allowedShapes}, not ${describe(value)}`,
      fix: `write ${allowedShapes}`,
    },
  ];
}

/** In a list of alternatives ("text, a number or true/false") some types read better shortened. */
const UNION_SHAPE_WORDS: Readonly<Record<string, string>> = {
  boolean: "true/false",
  array: "a list of {value, constraints} entries",
};

const TYPE_WORDS: Readonly<Record<string, string>> = {
  string: "text",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
  object: "a mapping of keys",
  record: "a mapping of keys",
  array: "a list",
};

/**
 * Schema messages read "project_name must be …[: reason]". Name the full path and slot in what
 * was written: "services.x.project_name must be …, not "../../etc"[: reason]".
 */
function withActualValue(schemaMessage: string, path: readonly PathSegment[], actual: string): string {
  const field = String(path[path.length - 1] ?? "");
  const named = schemaMessage.startsWith(field)
    ? displayName(path) + schemaMessage.slice(field.length)
    : `${displayName(path)}: ${schemaMessage}`;
  const colon = named.indexOf(": ", displayName(path).length + 1);
  return colon === -1 ? `${named}, not ${actual}` : `${named.slice(0, colon)}, not ${actual}${named.slice(colon)}`;
}

/** `../../etc` → `etc`: the allowed characters of what was written, or the default name. */
function projectNameSuggestion(written: string): string {
  const slug = written
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 63);
  return slug || String(defaultValueAt(["project_name"]));
}

function booleanMeaning(text: string): "true" | "false" | null {
  const word = text.trim().toLowerCase();
  if (["yes", "y", "on", "true", "1"].includes(word)) return "true";
  if (["no", "n", "off", "false", "0"].includes(word)) return "false";
  return null;
}

function valueAt(input: unknown, path: readonly PathSegment[]): unknown {
  let current = input;
  for (const segment of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<PropertyKey, unknown>)[segment];
  }
  return current;
}

function joinWithOr(words: readonly string[]): string {
  if (words.length <= 1) return words[0] ?? "a value";
  return `${words.slice(0, -1).join(", ")} or ${words[words.length - 1]}`;
}

function dotted(path: readonly PathSegment[]): string {
  return path.map(String).join(".");
}

function displayName(path: readonly PathSegment[]): string {
  return path.length > 0 ? dotted(path) : "the top level";
}
