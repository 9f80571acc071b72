#!/usr/bin/env node
// The `mycelium` CLI, as compiled by `npm run build` (scripts/build-cli.mjs) into dist/cli/.
import { existsSync } from "node:fs";

const entry = new URL("../dist/cli/cli.js", import.meta.url);
if (!existsSync(entry)) {
  console.error("mycelium: not built yet — run `npm run build`");
  process.exit(2);
}
process.setSourceMapsEnabled(true);
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));
