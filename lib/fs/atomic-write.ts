import { randomBytes } from "node:crypto";
import { promises as fs } from "node:fs";
import path from "node:path";

/**
 * Write a file so that readers see the old content or the new one, never a torn mix: a temp
 * file beside it, fsync, rename. On any failure (a full disk) the temp file is removed and
 * the old file is untouched. `keepPrevious` copies the old file to `<name>.previous` first.
 */
export async function writeFileAtomic(
  filePath: string,
  content: string | Uint8Array,
  {
    mode = 0o600,
    directoryMode = 0o700,
    keepPrevious = false,
  }: { mode?: number; directoryMode?: number; keepPrevious?: boolean } = {},
): Promise<void> {
  const directory = path.dirname(filePath);
  const tempPath = path.join(directory, `.${path.basename(filePath)}.${randomBytes(6).toString("hex")}.tmp`);
  try {
    await fs.mkdir(directory, { recursive: true, mode: directoryMode });
    const handle = await fs.open(tempPath, "wx", mode);
    try {
      await handle.writeFile(content);
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (keepPrevious) {
      await fs.copyFile(filePath, `${filePath}.previous`).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== "ENOENT") throw error;
      });
    }
    await fs.rename(tempPath, filePath);
  } catch (error) {
    await fs.rm(tempPath, { force: true });
    throw error;
  }
}
