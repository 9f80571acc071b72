#!/usr/bin/env node
// The `mycelium` CLI, as compiled by `npm run build` (scripts/build-cli.mjs) into dist/cli/.
// Its source maps are read only on request (NODE_OPTIONS=--enable-source-maps): reading them
// at every start would cost about a third of the start-up time.
import { existsSync } from "node:fs";

const entry = new URL("../dist/cli/cli.js", import.meta.url);
if (!existsSync(entry)) {
  console.error("mycelium: not built yet — run `npm run build`");
  process.exit(2);
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));
