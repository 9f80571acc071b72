/**
 * How findings show what was written. A value is quoted briefly: a 1 MB project_name is not
 * printed back in the finding, its fix, the CLI, the API's answer or the page.
 */

/** Text up to this length is shown whole; longer text is cut to PREFIX_LENGTH. */
const WHOLE_UP_TO = 60;
const PREFIX_LENGTH = 40;

/** The start of `text` when it is long, with "…" where it was cut (never inside a surrogate pair). */
export function briefText(text: string): string {
  if (text.length <= WHOLE_UP_TO) return text;
  const end = /[\uD800-\uDBFF]/.test(text.charAt(PREFIX_LENGTH - 1)) ? PREFIX_LENGTH - 1 : PREFIX_LENGTH;
  return `${text.slice(0, end)}…`;
}

/** `"text"`, or for long text `"aaaa…" (1048576 characters)`. */
export function quoteText(text: string): string {
  return text.length <= WHOLE_UP_TO ? `"${text}"` : `"${briefText(text)}" (${text.length} characters)`;
}

/** A scalar as YAML or JSON would write it, briefly: `"text"`, `42`, `true`. */
export function quoteValue(value: unknown): string {
  return typeof value === "string" ? quoteText(value) : briefText(JSON.stringify(value) ?? String(value));
}

/** A value as a finding names it: `the string "…"`, `a list`, `a mapping`, `an empty value`, `42`. */
export function describeValue(value: unknown): string {
  if (typeof value === "string") return `the string ${quoteValue(value)}`;
  if (value === null) return "an empty value";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  return quoteValue(value);
}
