import type { FieldReference } from "./field-reference";
import { keyPathAt, yamlCursorAt } from "./yaml-cursor";

/**
 * Completion and hover docs for the config editor, from the schema's field reference: the
 * keys a map accepts, the values a closed field accepts, and what a key means. Pure; the
 * editor turns the answers into its own completion and tooltip objects.
 */

export interface ConfigCompletion {
  label: string;
  /** The text inserted: a key with its colon, or the value. */
  apply: string;
  kind: "key" | "value";
  /** Type (keys) or "default" (the field's default value). */
  detail: string;
  description: string;
}

export interface ConfigCompletions {
  from: number;
  options: ConfigCompletion[];
}

const parentOf = (path: string) => path.slice(0, Math.max(path.lastIndexOf("."), 0));
const nameOf = (path: string) => path.slice(path.lastIndexOf(".") + 1);

/** The keys valid at `offset`, or the values of the field being written there; null when there are none. */
export function completeConfigAt(
  reference: readonly FieldReference[],
  text: string,
  offset: number,
): ConfigCompletions | null {
  const cursor = yamlCursorAt(text, offset);
  if (!cursor) return null;
  const parent = cursor.parentPath.join(".");
  if (cursor.kind === "key") {
    const options = reference
      .filter((row) => parentOf(row.path) === parent && !cursor.siblings.includes(nameOf(row.path)))
      .map((row): ConfigCompletion => {
        const name = nameOf(row.path);
        const apply = row.kind === "section" ? `${name}:` : `${name}: `;
        return { label: name, apply, kind: "key", detail: row.type, description: row.description };
      });
    return options.length > 0 ? { from: cursor.from, options } : null;
  }
  const field = reference.find((row) => row.path === `${parent ? `${parent}.` : ""}${cursor.key}`);
  if (!field || field.kind === "section") return null;
  const values = field.values.length > 0 ? field.values : field.defaultValue ? [field.defaultValue] : [];
  const options = values.map((value): ConfigCompletion => ({
    label: value,
    apply: value,
    kind: "value",
    detail: value === field.defaultValue ? "default" : "",
    description: field.description,
  }));
  return options.length > 0 ? { from: cursor.from, options } : null;
}

export interface ConfigKeyDoc {
  field: FieldReference;
  /** The key's name in the text. */
  from: number;
  to: number;
}

/** The reference entry of the key written on the line at `offset`; null when the line writes no known key. */
export function describeConfigKeyAt(
  reference: readonly FieldReference[],
  text: string,
  offset: number,
): ConfigKeyDoc | null {
  const key = keyPathAt(text, offset);
  const field = key && reference.find((row) => row.path === key.path);
  return key && field ? { field, from: key.from, to: key.to } : null;
}

/** A field's hover text: `services.postgres.port: integer 1–65535, default 5432`. */
export function formatFieldSummary(field: FieldReference): string {
  const defaultText = field.defaultValue === null ? "" : `, default ${field.defaultValue}`;
  return `${field.path}: ${field.type}${defaultText}`;
}
