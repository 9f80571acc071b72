#!/usr/bin/env node
// Runs every test tier in order and ends with one summary line, which CI reads:
//   tests: N passed, N failed[, N skipped]
// A tier that cannot run (no Docker engine, no Chromium) or was not reached (the build
// failed) is named with its reason in a loud banner and in the summary, counts as a failure
// and makes the run exit non-zero, on CI or not: a run that tested less must not look green.
// `node scripts/test.mjs unit lint` runs only the tiers named.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromiumPath, pingDocker } from "./test-prerequisites.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const reports = path.join(root, "test-results", "reports");
const only = process.argv.slice(2);

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: "1" };
const bin = (name) => path.join(root, "node_modules", ".bin", name);

/** Each tier: a command, what it needs, and where its JSON report lands (for test counts). */
const tiers = [
  { name: "typecheck", command: [bin("tsc"), "--noEmit"] },
  { name: "lint", command: [bin("eslint"), "--max-warnings=0", "."] },
  {
    name: "unit",
    command: [
      bin("vitest"),
      "run",
      "--project",
      "unit",
      "--reporter=default",
      "--reporter=json",
      `--outputFile=${reports}/unit.json`,
    ],
    report: { file: "unit.json", kind: "vitest" },
  },
  { name: "build", command: [bin("next"), "build"] },
  // The tests run the `mycelium` CLI as users do, compiled (a few seconds, skipped when fresh).
  { name: "cli-build", command: [process.execPath, path.join(root, "scripts", "build-cli.mjs"), "--if-stale"] },
  {
    name: "integration",
    needs: () => pingDocker(),
    command: [
      bin("vitest"),
      "run",
      "--project",
      "integration",
      "--reporter=default",
      "--reporter=json",
      `--outputFile=${reports}/integration.json`,
    ],
    report: { file: "integration.json", kind: "vitest" },
  },
  {
    name: "e2e",
    needs: () => (chromiumPath() ? null : "Chromium is not installed (apt-get install -y chromium)"),
    command: [bin("playwright"), "test"],
    extraEnv: { PLAYWRIGHT_JSON_OUTPUT_NAME: `${reports}/e2e.json` },
    report: { file: "e2e.json", kind: "playwright" },
  },
];

const BUILD_TIERS = new Set(["build", "cli-build"]);

const unknown = only.filter((name) => !tiers.some((tier) => tier.name === name));
if (unknown.length > 0) {
  console.error(`Unknown tier ${unknown.join(", ")}: the tiers are ${tiers.map((tier) => tier.name).join(", ")}.`);
  process.exit(2);
}

/** A loud block on stderr that no scroll-back hides. */
function banner(text) {
  const bar = "!".repeat(Math.min(text.length, 100));
  console.error(`\n${bar}\n${text}\n${bar}\n`);
}

function countTests(report) {
  const file = path.join(reports, report.file);
  if (!existsSync(file)) return null;
  const data = JSON.parse(readFileSync(file, "utf8"));
  if (report.kind === "vitest") {
    return {
      passed: data.numPassedTests,
      failed: data.numFailedTests,
      skipped: data.numPendingTests + data.numTodoTests,
    };
  }
  const { expected = 0, unexpected = 0, flaky = 0, skipped = 0 } = data.stats ?? {};
  return { passed: expected + flaky, failed: unexpected, skipped };
}

rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

// On a fresh machine `npm test` gets it ready first (packages, Docker engine, test images).
if (process.env.MYCELIUM_TEST_PREPARED !== "1") {
  const prepare = spawnSync("bash", [path.join(root, "scripts", "prepare-test-machine.sh")], {
    cwd: root,
    stdio: "inherit",
  });
  if (prepare.status !== 0)
    console.error("\n!!! Preparing the machine failed: tiers that need Docker or Chromium will say why below.\n");
}

const results = [];
const selected = tiers.filter((tier) => only.length === 0 || only.includes(tier.name));
for (const [index, tier] of selected.entries()) {
  const problem = await tier.needs?.();
  if (problem) {
    banner(`!!! TIER ${tier.name.toUpperCase()} CANNOT RUN: ${problem}. Its tests did not run: this run FAILS.`);
    results.push({ name: tier.name, status: "NOT RUN", ok: false, notRun: problem });
    continue;
  }
  console.log(`\n=== ${tier.name} ===`);
  const started = Date.now();
  const run = spawnSync(tier.command[0], tier.command.slice(1), {
    cwd: root,
    stdio: "inherit",
    env: { ...env, ...tier.extraEnv },
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const counts = tier.report ? countTests(tier.report) : null;
  const ok = run.status === 0;
  const why = run.error ? ` (${run.error.message})` : run.signal ? ` (killed by ${run.signal})` : "";
  const noReport = tier.report && !counts ? " (no test counts: its report was not written)" : "";
  results.push({ name: tier.name, status: `${ok ? "passed" : "FAILED"} in ${seconds}s${why}${noReport}`, ok, counts });
  // Later tiers need the builds; without them their failures would only be noise.
  if (!ok && BUILD_TIERS.has(tier.name)) {
    for (const later of selected.slice(index + 1)) {
      const reason = "the build failed, so it was not started";
      banner(`!!! TIER ${later.name.toUpperCase()} NOT RUN: ${reason}. This run FAILS.`);
      results.push({ name: later.name, status: "NOT RUN", ok: false, notRun: reason });
    }
    break;
  }
}

const notRun = results.filter((r) => r.notRun);
if (notRun.length > 0)
  banner(
    `!!! ${notRun.length} TIER${notRun.length === 1 ? "" : "S"} DID ` +
      `NOT RUN: ${notRun.map((r) => r.name).join(", ")}. See the summary.`,
  );

console.log("\n=== summary ===");
for (const result of results) {
  const { counts } = result;
  const tally = counts ? ` (${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped)` : "";
  const reason = result.notRun ? `: ${result.notRun}` : "";
  console.log(`${result.ok ? "✓" : "✗"} ${result.name.padEnd(12)} ${result.status}${reason}${tally}`);
}
const totals = results.reduce(
  (sum, r) => ({
    passed: sum.passed + (r.counts?.passed ?? 0),
    failed: sum.failed + (r.counts?.failed ?? 0),
    skipped: sum.skipped + (r.counts?.skipped ?? 0),
  }),
  { passed: 0, failed: 0, skipped: 0 },
);
// A tier that failed without failing tests (typecheck, lint, build, not run) counts as one failure.
const failedWithoutCounts = results.filter((r) => !r.ok && !(r.counts?.failed > 0)).length;
if (notRun.length > 0)
  console.log(`NOT RUN: ${notRun.map((r) => r.name).join(", ")} (why: above); the run fails until every tier runs.`);
if (totals.skipped > 0)
  console.log(
    `SKIPPED: ${totals.skipped} test${totals.skipped === 1 ? " was" : "s were"} skipped (counts per tier above)`,
  );
// The last line, in the form CI reads.
console.log(`tests: ${totals.passed} passed, ${totals.failed + failedWithoutCounts} failed, ${totals.skipped} skipped`);
process.exit(results.length > 0 && results.every((r) => r.ok) ? 0 : 1);
