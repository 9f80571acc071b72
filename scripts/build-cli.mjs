#!/usr/bin/env node
// Compiles the `mycelium` CLI once, into dist/cli/, so that a run starts without compiling
// TypeScript. ESM code splitting keeps bin/cli.ts's lazy command table lazy: each command is
// its own chunk, loaded only when it runs. npm packages stay external (node_modules has them).
// `--if-stale` builds only when a source file is newer than the build (the test tiers use it).
import { build } from "esbuild";
import { existsSync, readdirSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const outDir = path.join(root, "dist", "cli");
const entry = path.join(outDir, "cli.js");
const SOURCE_DIRS = ["bin", "lib"];

function newestSourceMs() {
  const files = SOURCE_DIRS.flatMap((dir) => readdirSync(path.join(root, dir), { recursive: true, withFileTypes: true }))
    .filter((file) => file.isFile() && file.name.endsWith(".ts") && !file.name.endsWith(".test.ts"))
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
    packages: "external",
    sourcemap: true,
    logLevel: "warning",
  });
  console.log(`mycelium CLI built into ${path.relative(root, outDir)}/`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildCli({ ifStale: process.argv.includes("--if-stale") });
