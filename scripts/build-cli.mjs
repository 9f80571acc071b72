#!/usr/bin/env node
// Compiles the `mycelium` CLI once, into dist/cli/, so that a run starts without compiling
// TypeScript. ESM code splitting keeps bin/cli.ts's lazy command table lazy: each command is
// its own chunk, loaded only when it runs. The packages every command needs at start, zod and
// yaml (small, no dependencies of their own), are bundled in: resolving and loading their ~150
// files one by one costs more than the rest of `config validate`. The others stay external.
// `--if-stale` builds only when a source file is newer than the build (the test tiers use it).
import { build } from "esbuild";
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const outDir = path.join(root, "dist", "cli");
const entry = path.join(outDir, "cli.js");
const SOURCE_DIRS = ["bin", "lib"];
const BUNDLED_PACKAGES = ["zod", "yaml"];
const { dependencies } = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8"));
const externalPackages = Object.keys(dependencies).filter((name) => !BUNDLED_PACKAGES.includes(name));

function newestSourceMs() {
  const files = SOURCE_DIRS.flatMap((dir) =>
    readdirSync(path.join(root, dir), { recursive: true, withFileTypes: true }),
  )
    .filter((file) => file.isFile() && /\.(ts|json)$/.test(file.name) && !file.name.endsWith(".test.ts"))
    .map((file) => path.join(file.parentPath, file.name));
  return Math.max(statSync(fileURLToPath(import.meta.url)).mtimeMs, ...files.map((file) => statSync(file).mtimeMs));
}

/** The build is missing or older than a CLI source file. */
export function isCliStale() {
  return !existsSync(entry) || statSync(entry).mtimeMs < newestSourceMs();
}

export async function buildCli({ ifStale = false } = {}) {
  if (ifStale && !isCliStale()) return;
  rmSync(outDir, { recursive: true, force: true });
  await build({
    absWorkingDir: root,
    entryPoints: { cli: "bin/cli.ts" },
    outdir: outDir,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    external: externalPackages,
    // yaml is CommonJS and requires Node's modules: give the ESM chunks a `require` to do it with.
    banner: {
      js:
        'import { createRequire as __createRequire } from "node:module"; ' +
        "const require = __createRequire(import.meta.url);",
    },
    sourcemap: true,
    logLevel: "warning",
  });
  console.log(`mycelium CLI built into ${path.relative(root, outDir)}/`);
}

if (process.argv[1] === fileURLToPath(import.meta.url))
  await buildCli({ ifStale: process.argv.includes("--if-stale") });
