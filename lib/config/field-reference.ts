import { z } from "zod";
import { configSchema } from "./schema";

/** One row of the editor's field reference, generated from the schema's descriptions. */
export interface FieldReference {
  path: string;
  type: string;
  defaultValue: string | null;
  description: string;
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

function walk(node: JsonSchemaNode, prefix: string, rows: FieldReference[]): void {
  for (const [key, child] of Object.entries(node.properties ?? {})) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (child.properties) {
      walk(child, path, rows);
      continue;
    }
    rows.push({
      path,
      type: describeType(child),
      defaultValue: child.default === undefined ? null : JSON.stringify(child.default),
      description: child.description ?? "",
    });
  }
}

/** Every leaf field of the config, in schema order, with type, default and description. */
export function buildFieldReference(): FieldReference[] {
  const jsonSchema = z.toJSONSchema(configSchema, { io: "input", unrepresentable: "any" }) as JsonSchemaNode;
  const rows: FieldReference[] = [];
  walk(jsonSchema, "", rows);
  return rows;
}
