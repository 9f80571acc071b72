#!/usr/bin/env node
// The `mycelium` CLI runs the TypeScript core as it is, through tsx's loader: no build step.
import { register } from "tsx/esm/api";

register();
const { main } = await import("./cli.ts");
process.exitCode = await main(process.argv.slice(2));
