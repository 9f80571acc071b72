#!/usr/bin/env node
// Regenerates lib/config/temporal-releases.json, the table of Temporal server releases the product
// reads (lib/config/compat.ts). Run by hand when Temporal ships a release, never in CI:
//   node scripts/temporal-releases.mjs
// It asks the Go module proxy this machine is configured with (first entry of `go env GOPROXY`)
// about the module go.temporal.io/server, using the proxy protocol (`@v/list`, `@v/<v>.mod`,
// `@v/<v>.zip`), and reads from each release:
//   - schema/postgresql/v12/version.go: `Version`, `VisibilityVersion` (the schema it expects)
//   - common/headers/version_checker.go (versionChecker.go before the rename): `ServerVersion`
//   - go.mod: the `go` line; the `retract` block of the NEWEST release (retractions are declared later)
// Module zips are tens of MB: they are cached (see CACHE_DIRS) so re-runs only fetch new releases.
import { execFile } from "node:child_process";
import { createWriteStream } from "node:fs";
import { mkdir, rename, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const MODULE = "go.temporal.io/server";
const OLDEST = "1.20.0";
const OUTPUT = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "..",
  "lib",
  "config",
  "temporal-releases.json",
);
const CACHE_DIRS = ["/var/cache/mycelium-releases", path.join(os.tmpdir(), "mycelium-releases")];
const CONCURRENT_DOWNLOADS = 3;

/**
 * Releases named in shared/reference/current-temporal.md §1 (newest patch per minor, read from the
 * tags of temporalio/temporal). The proxy's `@v/list` only lists the versions it happens to hold
 * (on 2026-12-07 it listed 14, none before 1.25.1), so these are asked for by name as well.
 */
const PATCHES_NAMED_IN_FACTS = {
  20: 5,
  21: 6,
  22: 7,
  23: 1,
  24: 3,
  25: 2,
  26: 3,
  27: 4,
  28: 4,
  29: 7,
  30: 9,
  31: 5,
  32: 2,
};

/**
 * The temporalio/ui release paired with each server release; it cannot be read from the server
 * module, so it is kept here by hand. Each entry applies from `from` up to the next entry.
 */
const UI_PAIRINGS = [
  // 1.22.x per patch: Temporal's own compose files (reference/temporal-postgres-facts.md).
  // 1.20–1.21 have no known pairing: the nearest known one, 1.22.0's.
  { from: "1.20.0", ui: "2.17.1" },
  { from: "1.22.1", ui: "2.19.0" },
  { from: "1.22.2", ui: "2.21.0" },
  // Also 1.23–1.25, which have no known pairing: the nearest known one.
  { from: "1.22.4", ui: "2.22.3" },
  // current-temporal.md §2: 1.30.1 in samples-server's compose; 1.26–1.30.0 have no known pairing: the nearest known
  // one.
  { from: "1.26.0", ui: "2.34.0" },
  // current-temporal.md §2: samples-server PR #148 (1.31.0), helm-charts 1.6.0 (1.31.2), samples-server PR #159
  // (1.32.0).
  { from: "1.31.0", ui: "2.49.1" },
  { from: "1.31.2", ui: "2.52.0" },
  { from: "1.32.0", ui: "2.54.1" },
];

const run = promisify(execFile);

/** `v1.22.3` / `1.22.3` → [1, 22, 3]; null for anything else (pre-releases, cloud tags `v1.31.0-151.4`). */
function releaseNumbers(tag) {
  const match = /^v?(\d+)\.(\d+)\.(\d+)$/.exec(tag);
  return match ? match.slice(1).map(Number) : null;
}

function compareReleases(a, b) {
  const [x, y] = [releaseNumbers(a), releaseNumbers(b)];
  return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
}

async function proxyUrl() {
  const { stdout } = await run("go", ["env", "GOPROXY"]);
  const first = stdout.trim().split(/[,|]/)[0];
  if (!/^https?:\/\//.test(first)) throw new Error(`go env GOPROXY starts with "${first}", not a proxy URL`);
  return first.replace(/\/$/, "");
}

/** GET a proxy path; null when the proxy says the version is not available (404, 403, 410). */
async function get(proxy, file) {
  const response = await fetch(`${proxy}/${MODULE}/@v/${file}`);
  if ([403, 404, 410].includes(response.status)) return null;
  if (!response.ok) throw new Error(`${file}: HTTP ${response.status}`);
  return response;
}

async function cacheDir() {
  for (const dir of CACHE_DIRS) {
    try {
      await mkdir(dir, { recursive: true });
      return dir;
    } catch {
      // not writable (not root): try the next one
    }
  }
  throw new Error(`none of ${CACHE_DIRS.join(", ")} is writable`);
}

/** The module zip of a release on disk, downloaded once; null when the proxy does not serve it. */
async function moduleZip(proxy, dir, tag) {
  const file = path.join(dir, `server-${tag}.zip`);
  if (
    await stat(file).then(
      () => true,
      () => false,
    )
  )
    return file;
  const response = await get(proxy, `${tag}.zip`);
  if (!response) return null;
  await pipeline(Readable.fromWeb(response.body), createWriteStream(`${file}.part`));
  await rename(`${file}.part`, file);
  return file;
}

/** The text of the first of `files` that the zip holds (a file Temporal renamed has several names). */
async function fileInZip(zip, tag, files) {
  for (const file of files) {
    try {
      const { stdout } = await run("unzip", ["-p", zip, `${MODULE}@${tag}/${file}`], { maxBuffer: 4 * 1024 * 1024 });
      return stdout;
    } catch (error) {
      if (error.code !== 11) throw error; // 11: no such file in the zip
    }
  }
  throw new Error(`${tag} has none of ${files.join(", ")}`);
}

/** The value of `name = "…"` in a Go source file. */
function goStringConstant(source, name, file) {
  const match = new RegExp(`\\b${name}\\s*=\\s*"([^"]+)"`).exec(source);
  if (!match) throw new Error(`${file} has no ${name}`);
  return match[1];
}

function goDirective(goMod) {
  return /^go\s+(\S+)/m.exec(goMod)?.[1] ?? null;
}

/** `retract v1.26.0 // why` and `retract ( … )` blocks → Map(tag → comment or null). Ranges are not expected. */
function retractions(goMod) {
  const lines = [];
  for (const block of goMod.matchAll(/^retract\s*\(([^)]*)\)/gm)) lines.push(...block[1].split("\n"));
  for (const single of goMod.matchAll(/^retract\s+([^(\s].*)$/gm)) lines.push(single[1]);
  const retracted = new Map();
  for (const line of lines) {
    const [spec, ...comment] = line.split("//");
    if (!spec.trim()) continue;
    if (spec.includes("[")) throw new Error(`version ranges in retract are not handled: ${line.trim()}`);
    retracted.set(spec.trim(), comment.join("//").trim() || null);
  }
  return retracted;
}

function uiVersionFor(version) {
  const pairing = UI_PAIRINGS.findLast((entry) => compareReleases(entry.from, version) <= 0);
  if (!pairing) throw new Error(`no UI pairing covers ${version}`);
  return pairing.ui;
}

/** Run `task` over `items`, at most `limit` at a time, keeping the order of `items`. */
async function mapBounded(items, limit, task) {
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]);
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
  return results;
}

async function readRelease(proxy, dir, tag, retracted) {
  const goMod = await (await get(proxy, `${tag}.mod`))?.text();
  const zip = await moduleZip(proxy, dir, tag);
  const version = tag.slice(1);
  let schema = null;
  let serverVersion = null;
  if (zip) {
    const versionGo = await fileInZip(zip, tag, ["schema/postgresql/v12/version.go"]);
    const checker = await fileInZip(zip, tag, [
      "common/headers/version_checker.go",
      "common/headers/versionChecker.go",
    ]);
    schema = {
      main: goStringConstant(versionGo, "Version", "version.go"),
      visibility: goStringConstant(versionGo, "VisibilityVersion", "version.go"),
    };
    serverVersion = goStringConstant(checker, "ServerVersion", "version_checker.go");
    if (serverVersion !== version) console.warn(`${tag}: ServerVersion says ${serverVersion}`);
  }
  console.log(
    `${tag}: ${zip ? `schema ${schema.main}/${schema.visibility}` : "no module zip"}` +
      `${retracted.has(tag) ? " (retracted)" : ""}`,
  );
  return {
    version,
    serverVersion,
    schema,
    goDirective: goMod ? goDirective(goMod) : null,
    retracted: retracted.has(tag) ? { reason: retracted.get(tag) } : null,
    uiVersion: uiVersionFor(version),
  };
}

async function main() {
  const started = Date.now();
  const proxy = await proxyUrl();
  const dir = await cacheDir();
  const listed = (await (await get(proxy, "list")).text()).split("\n").filter((tag) => releaseNumbers(tag));
  const newestListed = listed.sort(compareReleases).at(-1);
  const newestMod = await (await get(proxy, `${newestListed}.mod`)).text();
  const retracted = retractions(newestMod);

  const named = Object.entries(PATCHES_NAMED_IN_FACTS).flatMap(([minor, newestPatch]) =>
    Array.from({ length: newestPatch + 1 }, (_, patch) => `v1.${minor}.${patch}`),
  );
  const tags = [...new Set([...listed, ...named, ...retracted.keys()])]
    .filter((tag) => releaseNumbers(tag) && compareReleases(tag, `v${OLDEST}`) >= 0)
    .sort(compareReleases);

  const rows = await mapBounded(tags, CONCURRENT_DOWNLOADS, (tag) => readRelease(proxy, dir, tag, retracted));
  // A release the proxy does not serve is not offered, unless it is retracted (then it is refused by name).
  const releases = rows.filter((row) => row.schema || row.retracted);
  for (const row of rows.filter((row) => !releases.includes(row)))
    console.warn(`v${row.version}: not served by the proxy, left out`);

  const table = {
    generatedBy: "scripts/temporal-releases.mjs",
    generatedOn: new Date().toISOString().slice(0, 10),
    newestListedByProxy: newestListed.slice(1),
    releases,
  };
  // One release per line, so a regeneration reads as a diff of releases.
  const rowLines = releases.map((row) => `    ${JSON.stringify(row)}`).join(",\n");
  await writeFile(
    OUTPUT,
    `${JSON.stringify({ ...table, releases: [] }, null, 2).replace("[]", `[\n${rowLines}\n  ]`)}\n`,
  );
  const seconds = Math.round((Date.now() - started) / 1000);
  console.log(`${releases.length} releases (newest listed: ${table.newestListedByProxy}) → ${OUTPUT} in ${seconds} s`);
}

await main();
