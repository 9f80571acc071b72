import { createHash } from "node:crypto";
import { promises as fs } from "node:fs";
import { MyceliumError } from "../errors";
import { writeFileAtomic } from "../fs/atomic-write";

/** The config file as stored on disk, with the ETag a later write must quote. */
export interface StoredConfig {
  path: string;
  exists: boolean;
  /** Raw bytes: the caller decodes them, so invalid UTF-8 becomes a finding, not a crash. */
  bytes: Uint8Array;
  etag: string;
}

/** ETag of a file's content; the absent file has its own tag so "create only" can be expressed. */
export function computeEtag(bytes: Uint8Array | null): string {
  if (!bytes) return '"absent"';
  return `"${createHash("sha256").update(bytes).digest("hex").slice(0, 32)}"`;
}

/** A write based on an older version of the file: refused, nothing overwritten. */
export function configChangedError(): MyceliumError {
  return new MyceliumError("conflict:config_changed", "The config file changed on disk since you opened it.", {
    hint: "Reload to see the current file, then apply your edits again. Nothing was overwritten.",
  });
}

/** Where the version before the last save is kept (written by writeFileAtomic). */
export function previousVersionPath(configPath: string): string {
  return `${configPath}.previous`;
}

export async function readStoredConfig(configPath: string): Promise<StoredConfig> {
  try {
    const bytes = new Uint8Array(await fs.readFile(configPath));
    return { path: configPath, exists: true, bytes, etag: computeEtag(bytes) };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") {
      return { path: configPath, exists: false, bytes: new Uint8Array(), etag: computeEtag(null) };
    }
    throw fileError(error, configPath, "read");
  }
}

// Writes in this process are serialised per path, so the ETag check and the rename cannot interleave.
const writeQueues = new Map<string, Promise<unknown>>();

/**
 * Replace the config file atomically: write a temp file beside it, fsync, keep the current
 * file as `<name>.previous`, then rename. A crash or a full disk leaves the old file intact.
 * `expectedEtag` (from If-Match) makes a stale write a 409 instead of a silent overwrite.
 */
export async function writeStoredConfig(
  configPath: string,
  text: string,
  expectedEtag: string | null,
): Promise<{ etag: string }> {
  const previous = writeQueues.get(configPath) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(() => writeNow(configPath, text, expectedEtag));
  writeQueues.set(configPath, next);
  try {
    return await next;
  } finally {
    if (writeQueues.get(configPath) === next) writeQueues.delete(configPath);
  }
}

async function writeNow(configPath: string, text: string, expectedEtag: string | null): Promise<{ etag: string }> {
  const current = await readStoredConfig(configPath);
  if (expectedEtag !== null && expectedEtag !== current.etag) {
    throw configChangedError();
  }
  const bytes = Buffer.from(text, "utf8");
  try {
    await writeFileAtomic(configPath, bytes, { mode: 0o600, keepPrevious: current.exists });
  } catch (error) {
    throw fileError(error, configPath, "write");
  }
  return { etag: computeEtag(bytes) };
}

function fileError(error: unknown, configPath: string, action: "read" | "write"): MyceliumError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOSPC" || code === "EDQUOT") {
    return new MyceliumError("unavailable:disk_full", `Could not ${action} ${configPath}: the disk is full.`, {
      hint: "Free some space and try again. The config file on disk is unchanged.",
      cause: error,
    });
  }
  if (code === "EACCES" || code === "EPERM" || code === "EROFS") {
    return new MyceliumError("forbidden:config_permissions", `Mycelium may not ${action} ${configPath}.`, {
      hint: "Check the file's owner and permissions, or point $MYCELIUM_CONFIG at a file you own.",
      cause: error,
    });
  }
  if (code === "EISDIR") {
    return new MyceliumError("bad_request:config_is_directory", `${configPath} is a directory, not a file.`, {
      hint: "Remove or rename that directory, or point $MYCELIUM_CONFIG elsewhere.",
      cause: error,
    });
  }
  return new MyceliumError("internal:config_io", `Could not ${action} ${configPath}.`, {
    hint: "Check that the disk is healthy and the path is writable.",
    detail: code,
    cause: error,
  });
}
