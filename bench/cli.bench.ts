/**
 * CLI start-up: `npm run bench:cli`. The wall time of `mycelium --help` and of `mycelium config
 * validate` on the guide's Step 1 config, each alternated in the same run with a bare
 * `node -e 0` (the floor any Node CLI starts from). Runs the built CLI (`npm run build`).
 * Exits 1 when a goal is missed.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { GUIDE_EXAMPLE_CONFIG } from "../test/support/guide-example";
import { alternate, median } from "./measure";

const WALL_MS_GOAL = 250;
const RATIO_TO_NODE_GOAL = 3;
const ROUNDS = 7;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const cli = path.join(root, "bin", "mycelium.mjs");
if (!existsSync(path.join(root, "dist", "cli", "cli.js"))) {
  console.error("bench:cli measures the built CLI: run `npm run build` first.");
  process.exit(2);
}

/** Wall milliseconds of one `node <args>` run, which must exit 0. */
function wallMs(args: string[]): number {
  const start = performance.now();
  const run = spawnSync(process.execPath, args, { cwd: root, stdio: ["ignore", "ignore", "pipe"] });
  const elapsed = performance.now() - start;
  if (run.status !== 0) throw new Error(`node ${args.join(" ")} exited ${run.status}: ${run.stderr}`);
  return elapsed;
}

const scratch = mkdtempSync(path.join(os.tmpdir(), "mycelium-bench-cli-"));
const configFile = path.join(scratch, "config.yaml");
writeFileSync(configFile, GUIDE_EXAMPLE_CONFIG);

const commands = [
  { name: "mycelium --help", args: [cli, "--help"] },
  {
    name: "mycelium config validate --file <guide's example>",
    args: [cli, "config", "validate", "--file", configFile],
  },
];

let allPass = true;
try {
  for (const command of commands) {
    wallMs(command.args); // warm the file cache, as a user's second run would be
    const samples = await alternate(
      ROUNDS,
      () => wallMs(command.args),
      () => wallMs(["-e", "0"]),
    );
    const ours = median(samples.ours);
    const bare = median(samples.baseline);
    const ratio = ours / bare;
    const pass = ours <= WALL_MS_GOAL && ratio <= RATIO_TO_NODE_GOAL;
    allPass &&= pass;
    console.log(
      `${command.name}: ${ours.toFixed(0)} ms median of ${ROUNDS} ` +
        `(goal ≤ ${WALL_MS_GOAL} ms) ${pass ? "PASS" : "FAIL"}`,
    );
    console.log(`  baseline, node -e 0: ${bare.toFixed(0)} ms median of ${ROUNDS}, alternated with the above`);
    console.log(`  ratio to node -e 0: ${ratio.toFixed(2)} (goal ≤ ${RATIO_TO_NODE_GOAL})`);
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
process.exitCode = allPass ? 0 : 1;
