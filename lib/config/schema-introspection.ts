import { z } from "zod";
import { configSchema, defaultConfig, type MyceliumConfig } from "./schema";

/**
 * Reads facts back out of the zod schema (allowed keys, number bounds, defaults) so that
 * messages quote the schema instead of repeating its numbers.
 */

type PathSegment = PropertyKey;

/** The schema that validates the value at `path`, with default/prefault/optional wrappers removed. */
export function schemaAtPath(path: readonly PathSegment[]): z.ZodType | null {
  let current: z.ZodType | null = unwrap(configSchema);
  for (const segment of path) {
    if (current instanceof z.ZodObject) {
      const shape = current.shape as Record<string, z.ZodType>;
      const child = Object.hasOwn(shape, String(segment)) ? shape[String(segment)] : undefined;
      current = child ? unwrap(child) : null;
    } else if (current instanceof z.ZodRecord) {
      current = unwrap(current.valueType as z.ZodType);
    } else if (current instanceof z.ZodArray) {
      current = unwrap(current.element as z.ZodType);
    } else {
      return null;
    }
    if (!current) return null;
  }
  return current;
}

/** Keys a strict object accepts at `path`, in schema order; empty when `path` is not an object. */
export function allowedKeysAt(path: readonly PathSegment[]): string[] {
  const schema = schemaAtPath(path);
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
}

/** Inclusive bounds of a number field, as declared with `.min()` / `.max()`. */
export function numberBoundsAt(path: readonly PathSegment[]): { min: number | null; max: number | null } {
  const schema = schemaAtPath(path);
  if (!(schema instanceof z.ZodNumber)) return { min: null, max: null };
  const finite = (value: number | null) => (value !== null && Number.isFinite(value) ? value : null);
  return { min: finite(schema.minValue), max: finite(schema.maxValue) };
}

let cachedDefaults: MyceliumConfig | null = null;

/** The value the schema fills in at `path` when the key is left out; undefined when there is none. */
export function defaultValueAt(path: readonly PathSegment[]): unknown {
  cachedDefaults ??= defaultConfig();
  let current: unknown = cachedDefaults;
  for (const segment of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string, unknown>)[String(segment)];
  }
  return current;
}

function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  while (
    current instanceof z.ZodDefault ||
    current instanceof z.ZodPrefault ||
    current instanceof z.ZodOptional ||
    current instanceof z.ZodNullable
  ) {
    current = current.unwrap() as z.ZodType;
  }
  return current;
}
