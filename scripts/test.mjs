#!/usr/bin/env node
// Runs every test tier in order and ends with one summary line. A tier that cannot run
// (no Docker engine, no Chromium) is reported loudly; under CI=true that fails the run.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromiumPath, pingDocker } from "./test-prerequisites.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const reports = path.join(root, "test-results", "reports");
const inCi = process.env.CI === "true";
const only = process.argv.slice(2);

// On a fresh machine `npm test` gets it ready first (packages, Docker engine, test images).
if (process.env.MYCELIUM_TEST_PREPARED !== "1") {
  const prepare = spawnSync("bash", [path.join(root, "scripts", "prepare-test-machine.sh")], { cwd: root, stdio: "inherit" });
  if (prepare.status !== 0) console.error("\n!!! Preparing the machine failed: tiers that need Docker or Chromium will say why below.\n");
}

rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: "1" };
const bin = (name) => path.join(root, "node_modules", ".bin", name);

/** Each tier: a command, what it needs, and where its JSON report lands (for test counts). */
const tiers = [
  { name: "typecheck", command: [bin("tsc"), "--noEmit"] },
  { name: "lint", command: [bin("eslint"), "--max-warnings=0", "."] },
  {
    name: "unit",
    command: [bin("vitest"), "run", "--project", "unit", "--reporter=default", "--reporter=json", `--outputFile=${reports}/unit.json`],
    report: { file: "unit.json", kind: "vitest" },
  },
  { name: "build", command: [bin("next"), "build"] },
  {
    name: "integration",
    needs: () => pingDocker(),
    command: [bin("vitest"), "run", "--project", "integration", "--reporter=default", "--reporter=json", `--outputFile=${reports}/integration.json`],
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

function countTests(report) {
  const file = path.join(reports, report.file);
  if (!existsSync(file)) return null;
  const data = JSON.parse(readFileSync(file, "utf8"));
  if (report.kind === "vitest") {
    return { passed: data.numPassedTests, failed: data.numFailedTests, skipped: data.numPendingTests + data.numTodoTests };
  }
  const { expected = 0, unexpected = 0, flaky = 0, skipped = 0 } = data.stats ?? {};
  return { passed: expected + flaky, failed: unexpected, skipped };
}

const results = [];
for (const tier of tiers) {
  if (only.length > 0 && !only.includes(tier.name)) continue;
  const problem = await tier.needs?.();
  if (problem) {
    const banner = `!!! TIER ${tier.name.toUpperCase()} CANNOT RUN: ${problem}`;
    console.error(`\n${"!".repeat(banner.length)}\n${banner}\n${"!".repeat(banner.length)}\n`);
    results.push({ name: tier.name, status: inCi ? "FAILED (cannot run)" : "NOT RUN", ok: !inCi });
    continue;
  }
  console.log(`\n=== ${tier.name} ===`);
  const started = Date.now();
  const run = spawnSync(tier.command[0], tier.command.slice(1), { cwd: root, stdio: "inherit", env: { ...env, ...tier.extraEnv } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const counts = tier.report ? countTests(tier.report) : null;
  const ok = run.status === 0;
  results.push({ name: tier.name, status: `${ok ? "passed" : "FAILED"} in ${seconds}s`, ok, counts });
  // Later tiers need the build; without it their failures would only be noise.
  if (!ok && tier.name === "build") break;
}

console.log("\n=== summary ===");
for (const result of results) {
  const counts = result.counts ? ` (${result.counts.passed} passed, ${result.counts.failed} failed)` : "";
  console.log(`${result.ok ? "✓" : "✗"} ${result.name.padEnd(12)} ${result.status}${counts}`);
}
const totals = results.reduce(
  (sum, r) => ({ passed: sum.passed + (r.counts?.passed ?? 0), failed: sum.failed + (r.counts?.failed ?? 0) }),
  { passed: 0, failed: 0 },
);
// A tier that failed without failing tests (typecheck, lint, build, cannot run) counts as one failure.
const failedWithoutCounts = results.filter((r) => !r.ok && !(r.counts?.failed > 0)).length;
console.log(`tests: ${totals.passed} passed, ${totals.failed + failedWithoutCounts} failed`);
process.exit(results.every((r) => r.ok) ? 0 : 1);
