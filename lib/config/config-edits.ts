import { isMap, parseDocument } from "yaml";
import { MyceliumError } from "../errors";

/** A change to one field, by dotted path: `{"services.postgres.port": 5433}`. */
export type ConfigEdits = Record<string, string | number | boolean | null>;

const SAFE_SEGMENT = /^[a-z_][a-z0-9_.-]*$/i;

/**
 * Apply field edits to YAML text through the Document API, so the user's comments, key
 * order and formatting survive a change made by a button (a fix, the first-run wizard).
 * `null` removes the key. Dynamic-config and custom_config keys contain dots, so a path's
 * segments are split on dots only up to those maps.
 */
export function applyConfigEdits(text: string, edits: ConfigEdits): string {
  const document = parseDocument(text, { keepSourceTokens: false });
  if (document.errors.length > 0) {
    throw new MyceliumError(
      "bad_request:config_unparseable",
      "The config file is not valid YAML, so it cannot be edited field by field.",
      {
        hint: "Fix the YAML in the editor first.",
      },
    );
  }
  if (document.contents !== null && !isMap(document.contents)) {
    throw new MyceliumError("bad_request:config_not_mapping", "The config file's top level is not a mapping.", {
      hint: "Start from `mycelium config init`.",
    });
  }
  for (const [dotted, value] of Object.entries(edits)) {
    const segments = splitEditPath(dotted);
    if (value === null) document.deleteIn(segments);
    else document.setIn(segments, value);
  }
  return document.toString();
}

const MAPS_WITH_DOTTED_KEYS = ["services.postgres.custom_config", "services.temporal.dynamic_config"];

export function splitEditPath(dotted: string): string[] {
  const map = MAPS_WITH_DOTTED_KEYS.find((prefix) => dotted.startsWith(prefix + "."));
  const segments = map ? [...map.split("."), dotted.slice(map.length + 1)] : dotted.split(".");
  if (segments.length === 0 || segments.length > 6 || !segments.every((s) => SAFE_SEGMENT.test(s) && s.length <= 100)) {
    throw new MyceliumError("bad_request:edit_path", `"${dotted.slice(0, 100)}" is not a config field path.`, {
      hint: "Use a dotted path such as services.postgres.port.",
    });
  }
  return segments;
}

/**
 * The same edits applied to an already parsed config, to see what a change would deploy before
 * the file is written (an upgrade's steps). The input is left as it is.
 */
export function withConfigEdits<T extends object>(config: T, edits: ConfigEdits): T {
  const result = structuredClone(config);
  for (const [dotted, value] of Object.entries(edits)) {
    const segments = splitEditPath(dotted);
    const key = segments.pop() as string;
    let parent = result as Record<string, unknown>;
    for (const segment of segments) {
      const child = parent[segment];
      parent = (parent[segment] = typeof child === "object" && child !== null ? child : {}) as Record<string, unknown>;
    }
    if (value === null) delete parent[key];
    else parent[key] = value;
  }
  return result;
}
