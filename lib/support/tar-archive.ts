import { gzipSync } from "node:zlib";

export interface ArchiveEntry {
  path: string;
  content: string | Uint8Array;
  mode?: number;
}

const BLOCK = 512;

function writeField(header: Buffer, text: string, offset: number, length: number): void {
  header.write(text.slice(0, length), offset, length, "utf8");
}

function writeOctal(header: Buffer, value: number, offset: number, length: number): void {
  writeField(header, `${value.toString(8).padStart(length - 1, "0")}\0`, offset, length);
}

/** ustar keeps up to 100 bytes of name and 155 of prefix, split at a slash. */
function splitPath(fullPath: string): { prefix: string; name: string } {
  if (Buffer.byteLength(fullPath) <= 100) return { prefix: "", name: fullPath };
  for (let cut = fullPath.indexOf("/"); cut !== -1; cut = fullPath.indexOf("/", cut + 1)) {
    const prefix = fullPath.slice(0, cut);
    const name = fullPath.slice(cut + 1);
    if (Buffer.byteLength(prefix) <= 155 && Buffer.byteLength(name) <= 100) return { prefix, name };
  }
  throw new Error(`archive path too long: ${fullPath}`);
}

function header(entry: ArchiveEntry, size: number, mtime: number): Buffer {
  const { prefix, name } = splitPath(entry.path);
  const block = Buffer.alloc(BLOCK);
  writeField(block, name, 0, 100);
  writeOctal(block, entry.mode ?? 0o600, 100, 8);
  writeOctal(block, 0, 108, 8); // uid
  writeOctal(block, 0, 116, 8); // gid
  writeOctal(block, size, 124, 12);
  writeOctal(block, mtime, 136, 12);
  block.fill(" ", 148, 156); // checksum is computed with this field as spaces
  writeField(block, "0", 156, 1); // regular file
  writeField(block, "ustar\0", 257, 6);
  writeField(block, "00", 263, 2);
  writeField(block, prefix, 345, 155);
  let checksum = 0;
  for (const byte of block) checksum += byte;
  writeField(block, `${checksum.toString(8).padStart(6, "0")}\0 `, 148, 8);
  return block;
}

/**
 * A gzipped tar (ustar) of small in-memory files: what a support bundle needs, without a
 * dependency. `tar -xzf` and every archive tool read it.
 */
export function createTarGz(entries: ArchiveEntry[], mtime = Math.floor(Date.now() / 1000)): Buffer {
  const parts: Buffer[] = [];
  for (const entry of entries) {
    const body = typeof entry.content === "string" ? Buffer.from(entry.content, "utf8") : Buffer.from(entry.content);
    parts.push(header(entry, body.length, mtime), body, Buffer.alloc((BLOCK - (body.length % BLOCK)) % BLOCK));
  }
  parts.push(Buffer.alloc(BLOCK * 2));
  return gzipSync(Buffer.concat(parts));
}
