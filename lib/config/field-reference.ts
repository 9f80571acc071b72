import { z } from "zod";
import { configSchema } from "./schema";

/** One field or section of the config, generated from the schema's descriptions. */
export interface FieldReference {
  path: string;
  /** "section": an object whose keys are fields (`services.postgres`); "field": anything else. */
  kind: "field" | "section";
  type: string;
  defaultValue: string | null;
  description: string;
  /** The values the field accepts when it is a closed set (enum, boolean, constant), as written in YAML. */
  values: string[];
}

interface JsonSchemaNode {
  type?: string | string[];
  description?: string;
  default?: unknown;
  enum?: unknown[];
  const?: unknown;
  minimum?: number;
  maximum?: number;
  properties?: Record<string, JsonSchemaNode>;
  anyOf?: JsonSchemaNode[];
}

function describeType(node: JsonSchemaNode): string {
  if (node.const !== undefined) return JSON.stringify(node.const);
  if (node.enum) return node.enum.map((v) => JSON.stringify(v)).join(" | ");
  if (node.anyOf) return node.anyOf.map(describeType).join(" | ");
  const type = Array.isArray(node.type) ? node.type.join(" | ") : (node.type ?? "any");
  if (type === "integer" && node.minimum !== undefined && node.maximum !== undefined) {
    return `integer ${node.minimum}–${node.maximum}`;
  }
  return type === "object" && !node.properties ? "map" : type;
}

/** Closed sets of values; strings are quoted as the files write them (`version: "1.0"`). */
function closedValues(node: JsonSchemaNode): string[] {
  if (node.const !== undefined) return [JSON.stringify(node.const)];
  if (node.enum) return node.enum.map((value) => String(value));
  return node.type === "boolean" ? ["true", "false"] : [];
}

function walk(node: JsonSchemaNode, prefix: string, rows: FieldReference[]): void {
  for (const [key, child] of Object.entries(node.properties ?? {})) {
    const path = prefix ? `${prefix}.${key}` : key;
    const section = child.properties !== undefined;
    rows.push({
      path,
      kind: section ? "section" : "field",
      type: section ? "section" : describeType(child),
      defaultValue: section || child.default === undefined ? null : JSON.stringify(child.default),
      description: child.description ?? "",
      values: section ? [] : closedValues(child),
    });
    if (section) walk(child, path, rows);
  }
}

/** Every section and field of the config, in schema order (a section before its fields). */
export function buildConfigReference(): FieldReference[] {
  const jsonSchema = z.toJSONSchema(configSchema, { io: "input", unrepresentable: "any" }) as JsonSchemaNode;
  const rows: FieldReference[] = [];
  walk(jsonSchema, "", rows);
  return rows;
}
