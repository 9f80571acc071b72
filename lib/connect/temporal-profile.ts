import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { isDeepStrictEqual } from "node:util";
import { clientConfigToToml, loadClientConfigFromToml, type ClientConfigProfile } from "@temporalio/envconfig";
import { parse as parseToml, TomlError } from "smol-toml";
import type { Environment } from "../config/config-location";
import { MyceliumError } from "../errors";
import { writeFileAtomic } from "../fs/atomic-write";
import { PROFILE_NAME_PATTERN, PROFILE_NAME_RULE } from "./profile-name";

/**
 * Profiles in Temporal's client config file (`temporal.toml`), the file the SDKs and the
 * `temporal` CLI read. @temporalio/envconfig reads and checks the file, and renders our
 * profile; it can only write a whole file back (comments and layout lost), so the write
 * splices our `[profile.NAME]` tables into the original text and leaves every other byte as
 * it was, then proves it by reading both versions again.
 */

const CONFIG_FILE = "temporal.toml";

/**
 * `$TEMPORAL_CONFIG_FILE`, else the SDKs' default (envconfig's getDefaultConfigFilePath, not
 * exported): `%APPDATA%` on Windows, `~/Library/Application Support` on macOS, else
 * `$XDG_CONFIG_HOME` when absolute or `~/.config`; then `temporalio/temporal.toml`.
 */
export function temporalConfigPath(
  env: Environment = process.env,
  platform: NodeJS.Platform = os.platform(),
): string | null {
  if (env.TEMPORAL_CONFIG_FILE) return env.TEMPORAL_CONFIG_FILE;
  let directory: string | undefined;
  if (platform === "win32") directory = env.APPDATA || undefined;
  else if (platform === "darwin") {
    directory = env.HOME ? path.join(env.HOME, "Library", "Application Support") : undefined;
  } else if (env.XDG_CONFIG_HOME) directory = path.isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : undefined;
  else directory = env.HOME ? path.join(env.HOME, ".config") : undefined;
  return directory ? path.join(directory, "temporalio", CONFIG_FILE) : null;
}

type TomlDocument = Record<string, unknown>;

function isTable(value: unknown): value is TomlDocument {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

function unreadable(source: string, reason: string): MyceliumError {
  return new MyceliumError("conflict:temporal_config", `${source} cannot be read: ${reason}`, {
    hint:
      "Fix that line (or point TEMPORAL_CONFIG_FILE at another file), then write the profile again. " +
      "The file was left as it was.",
  });
}

/** The file as TOML, and its profiles as the SDK reads them; anything either refuses is a clear error. */
interface ConfigText {
  document: TomlDocument;
  profiles: Record<string, ClientConfigProfile>;
}

function readConfigText(text: string, source: string): ConfigText {
  let document: TomlDocument;
  try {
    document = parseToml(text);
  } catch (error) {
    if (!(error instanceof TomlError)) throw error;
    const what = error.message.split("\n")[0]!.replace(/^Invalid TOML document: /, "");
    throw unreadable(source, `it is not valid TOML (${what}, line ${error.line}, column ${error.column}).`);
  }
  if (document.profile === undefined) return { document, profiles: {} };
  if (!isTable(document.profile) || !Object.values(document.profile).every(isTable)) {
    throw unreadable(source, "`profile` must be a table of profiles (`[profile.NAME]`).");
  }
  try {
    return { document, profiles: loadClientConfigFromToml(new TextEncoder().encode(text), { strict: false }).profiles };
  } catch (error) {
    throw unreadable(source, `the Temporal SDK refuses it (${(error as Error).message}).`);
  }
}

/** Everything but one profile: what a write must leave exactly as it was. */
function otherContent(document: TomlDocument, name: string): unknown {
  const { profile, ...rest } = document;
  const profiles = isTable(profile) ? Object.entries(profile).filter(([key]) => key !== name) : [];
  return { rest, profiles };
}

// --- where the tables are ---------------------------------------------------------------

const KEY = String.raw`(?:[A-Za-z0-9_-]+|"(?:[^"\\]|\\.)*"|'[^']*')`;
const HEADER = new RegExp(String.raw`^\s*\[\[?\s*(${KEY}(?:\s*\.\s*${KEY})*)\s*\]\]?\s*(?:#.*)?$`);
const KEY_PART = new RegExp(KEY, "g");

function headerPath(line: string): string[] | null {
  const match = HEADER.exec(line.replace(/\r?\n$/, ""));
  if (!match) return null;
  return [...match[1]!.matchAll(KEY_PART)].map(([part]) => {
    if (part.startsWith("'")) return part.slice(1, -1);
    if (part.startsWith('"')) return JSON.parse(part) as string;
    return part;
  });
}

/**
 * Where a line leaves a multi-line string open (`"""` or `'''`), given where the previous
 * line left it. Headers are only looked for outside such strings.
 */
function openStringAfter(line: string, open: string | null): string | null {
  let state = open;
  let i = 0;
  while (i < line.length) {
    if (state) {
      const end = line.indexOf(state, i);
      if (end === -1) return state;
      if (state === '"""' && /(^|[^\\])(\\\\)*\\$/.test(line.slice(0, end))) {
        i = end + 1;
        continue;
      }
      i = end + 3;
      state = null;
      continue;
    }
    const char = line[i]!;
    if (char === "#") return null;
    if (line.startsWith('"""', i) || line.startsWith("'''", i)) {
      state = line.slice(i, i + 3);
      i += 3;
    } else if (char === '"') {
      const end = /^"(?:[^"\\]|\\.)*"/.exec(line.slice(i));
      i += end ? end[0].length : line.length;
    } else if (char === "'") {
      const end = line.indexOf("'", i + 1);
      i = end === -1 ? line.length : end + 1;
    } else {
      i += 1;
    }
  }
  return state;
}

/**
 * Line ranges [start, end) of the profile's tables and sub-tables, without the comments that
 * lead into the next table.
 */
function profileRanges(lines: readonly string[], name: string): [number, number][] {
  const headers: { line: number; path: string[] }[] = [];
  let open: string | null = null;
  lines.forEach((line, index) => {
    const path = open ? null : headerPath(line);
    if (path) headers.push({ line: index, path });
    open = openStringAfter(line, open);
  });
  return headers.flatMap(({ line, path }, i): [number, number][] => {
    if (path[0] !== "profile" || path[1] !== name) return [];
    let end = headers[i + 1]?.line ?? lines.length;
    while (end > line + 1 && /^\s*(#.*)?$/.test(lines[end - 1]!.replace(/\r?\n$/, ""))) end -= 1;
    return [[line, end]];
  });
}

/** The profile's table as the SDK writes it, with the file's own line endings. */
function renderProfile(name: string, profile: ClientConfigProfile, eol: string): string {
  const toml = new TextDecoder().decode(clientConfigToToml({ profiles: { [name]: profile } }));
  return `${toml.trim().split("\n").join(eol)}${eol}`;
}

/**
 * `text` with profile `name` set to `profile`: its tables replaced where they are (the first
 * one's place), or appended; every other line kept byte for byte. Refuses a file that is not
 * valid TOML or that the SDK cannot read, and a profile written in a form that cannot be
 * replaced in place (dotted keys, an inline table): the caller writes nothing then.
 */
export function spliceProfile(text: string, name: string, profile: ClientConfigProfile, source = CONFIG_FILE): string {
  if (!PROFILE_NAME_PATTERN.test(name)) {
    throw new MyceliumError("bad_request:profile_name", `"${name.slice(0, 80)}" is not a usable profile name.`, {
      hint: `For a profile name, ${PROFILE_NAME_RULE}.`,
    });
  }
  const before = readConfigText(text, source);
  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  const block = renderProfile(name, profile, eol);
  const lines = text.split(/(?<=\n)/);
  const ranges = profileRanges(lines, name);
  let result: string;
  if (ranges.length === 0) {
    const separator = text.trim() === "" ? "" : text.endsWith("\n") ? eol : eol + eol;
    result = `${text.trim() === "" ? "" : text}${separator}${block}`;
  } else {
    const kept = lines.map((line, index) => {
      const range = ranges.find(([start, end]) => index >= start && index < end);
      if (!range) return line;
      return index === ranges[0]![0] ? block : "";
    });
    result = kept.join("");
  }
  const after = readSpliced(result, name, source);
  const written = after.profiles[name];
  const othersKept = isDeepStrictEqual(otherContent(after.document, name), otherContent(before.document, name));
  if (!othersKept || !isDeepStrictEqual(written, profile)) {
    throw cannotSplice(name, source);
  }
  return result;
}

function cannotSplice(name: string, source: string): MyceliumError {
  return new MyceliumError(
    "conflict:temporal_profile_layout",
    `Profile ${name} in ${source} is written in a form Mycelium cannot update in place ` +
      "(dotted keys or an inline table).",
    { hint: `Write it as a \`[profile.${name}]\` table or remove it, then try again. The file was left as it was.` },
  );
}

function readSpliced(text: string, name: string, source: string): ConfigText {
  try {
    return readConfigText(text, source);
  } catch {
    throw cannotSplice(name, source);
  }
}

// --- the file -----------------------------------------------------------------------------

export interface ProfileWrite {
  path: string;
  profile: string;
  outcome: "created" | "updated" | "unchanged";
}

async function readIfExists(file: string): Promise<Buffer | null> {
  try {
    return await fs.readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}

/**
 * Write profile `name` into the user's `temporal.toml` (created with its directory when
 * missing): atomically, keeping the file's mode, through a symlink to the file it points at
 * (dotfile managers link it), and only when the file did not change meanwhile.
 */
export async function writeTemporalProfile(
  name: string,
  profile: ClientConfigProfile,
  env: Environment = process.env,
): Promise<ProfileWrite> {
  const configured = temporalConfigPath(env);
  if (!configured) {
    const message = "There is no place for Temporal's client config: HOME is not set.";
    throw new MyceliumError("bad_request:temporal_config_path", message, {
      hint: "Set TEMPORAL_CONFIG_FILE to the file to write.",
    });
  }
  const file = await fs.realpath(configured).catch(() => configured);
  const original = await readIfExists(file);
  let text = "";
  if (original) {
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(original);
    } catch {
      throw unreadable(file, "it is not UTF-8 text.");
    }
  }
  const next = spliceProfile(text, name, profile, file);
  if (original && next === text) return { path: file, profile: name, outcome: "unchanged" };
  const mode = original ? (await fs.stat(file)).mode & 0o777 : 0o600;
  const current = await readIfExists(file);
  if (!(current === null ? original === null : original !== null && current.equals(original))) {
    throw new MyceliumError("conflict:temporal_config_changed", `${file} changed while Mycelium was updating it.`, {
      hint: "Nothing was written; try again.",
    });
  }
  await writeFileAtomic(file, next, { mode, directoryMode: 0o700 });
  // The temp file was created through the umask; the file keeps the mode it had.
  await fs.chmod(file, mode);
  return { path: file, profile: name, outcome: original ? "updated" : "created" };
}
