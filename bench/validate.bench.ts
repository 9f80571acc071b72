/**
 * Validation speed: `npx tsx bench/validate.bench.ts`.
 * Deploys the integration tests' stack (PostgreSQL 15, the real Temporal 1.22 server and its
 * UI, from the local registry) and measures, over RUNS runs each:
 *   - the full report on the healthy stack, concurrent runner (goal: p50 ≤ 50 ms);
 *   - the full report with every port closed (goal: p95 ≤ 200 ms);
 *   - the same healthy checks run one after another, the runner's sequential mode, as the
 *     baseline (goal: concurrent p50 ≤ 0.5 × sequential p50).
 * Concurrent and sequential runs alternate, so load from other processes hits both alike.
 * It also accounts the CPU one run costs across the whole stack (validator, Temporal and UI
 * containers, PostgreSQL): when that approaches the sequential time, the run is CPU-bound and no
 * overlapping can go below CPU ÷ cores, whatever the runner does.
 * Exits 1 when a goal is missed; removes everything it started.
 */
import os from "node:os";
import { performance } from "node:perf_hooks";
import { configSchema } from "../lib/config/schema";
import { DeploymentValidator } from "../lib/validation/deployment-validator";
import type { RunMode } from "../lib/validation/check-runner";
import { findFreePort, startValidationStack, type ValidationStack } from "../test/support/validation-stack";

const RUNS = 50;
const WARM_UP_RUNS = 5;
const HEALTHY_P50_GOAL_MS = 50;
const CLOSED_P95_GOAL_MS = 200;
const SPEEDUP_GOAL = 0.5;

function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? NaN;
}

function stats(samples: number[]): { p50: number; p95: number; min: number; max: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), min: sorted[0] ?? NaN, max: sorted.at(-1) ?? NaN };
}

const fmt = (ms: number) => `${ms.toFixed(1)} ms`;

async function timeRun(validator: DeploymentValidator, mode: RunMode, overrides = {}): Promise<number> {
  const started = performance.now();
  const report = await validator.validate({ mode, ...overrides });
  const elapsed = performance.now() - started;
  return report.isHealthy() || Object.keys(overrides).length > 0
    ? elapsed
    : Promise.reject(new Error(`the stack is not healthy:\n${report.formatSummary()}`));
}

/** CPU milliseconds a container has used, from the engine's stats. */
async function containerCpuMs(stack: ValidationStack, id: string): Promise<number> {
  const stats = (await stack.docker.getContainer(id).stats({ stream: false })) as {
    cpu_stats?: { cpu_usage?: { total_usage?: number } };
  };
  return Number(stats.cpu_stats?.cpu_usage?.total_usage ?? NaN) / 1e6;
}

/** CPU per sequential run, per part of the stack. */
async function cpuPerRun(stack: ValidationStack, validator: DeploymentValidator, runs: number) {
  const temporalIds = [stack.containers.temporal, stack.containers["temporal-ui"]];
  const cpuOf = async (ids: string[]) =>
    (await Promise.all(ids.map((id) => containerCpuMs(stack, id)))).reduce((a, b) => a + b, 0);
  const temporal0 = await cpuOf(temporalIds);
  const postgres0 = await cpuOf([stack.containers.postgres]);
  const own0 = process.cpuUsage();
  for (let i = 0; i < runs; i++) await validator.validate({ mode: "sequential" });
  const own = process.cpuUsage(own0);
  const postgres = ((await cpuOf([stack.containers.postgres])) - postgres0) / runs;
  // Temporal's own background work (timers, shard housekeeping) lands here too.
  const temporal = ((await cpuOf(temporalIds)) - temporal0) / runs;
  const validatorMs = (own.user + own.system) / 1000 / runs;
  return { validator: validatorMs, temporal, postgres, total: validatorMs + temporal + postgres };
}

async function main(): Promise<number> {
  let stack: ValidationStack | null = null;
  const cleanup = async () => {
    const s = stack;
    stack = null;
    await s?.stop();
  };
  process.once("SIGINT", () => void cleanup().then(() => process.exit(130)));
  try {
    process.stdout.write("Deploying PostgreSQL, the real Temporal 1.22 server and its UI…\n");
    stack = await startValidationStack({ maxConnections: 100 });
    const validator = new DeploymentValidator({ config: stack.config, env: stack.env, engine: stack.engine });

    for (let i = 0; i < WARM_UP_RUNS; i++) {
      await timeRun(validator, "concurrent");
      await timeRun(validator, "sequential");
    }
    const concurrent: number[] = [];
    const sequential: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      concurrent.push(await timeRun(validator, "concurrent"));
      sequential.push(await timeRun(validator, "sequential"));
    }

    const closedPorts = {
      postgresPort: await findFreePort(),
      temporalPort: await findFreePort(),
      temporalUiPort: await findFreePort(),
    };
    const nothing = new DeploymentValidator({
      config: configSchema.parse({ project_name: "valbench-nothing-here" }),
      env: stack.env,
      engine: stack.engine,
    });
    for (let i = 0; i < WARM_UP_RUNS; i++) await timeRun(nothing, "concurrent", closedPorts);
    const closed: number[] = [];
    for (let i = 0; i < RUNS; i++) closed.push(await timeRun(nothing, "concurrent", closedPorts));

    const cpu = await cpuPerRun(stack, validator, 20);
    const cores = os.availableParallelism();

    const healthy = stats(concurrent);
    const baseline = stats(sequential);
    const down = stats(closed);
    const ratio = healthy.p50 / baseline.p50;
    const rows: [string, string, string, boolean][] = [
      [
        `healthy stack, concurrent (${RUNS} runs)`,
        `p50 ${fmt(healthy.p50)} · p95 ${fmt(healthy.p95)} · min ${fmt(healthy.min)}`,
        `p50 ≤ ${HEALTHY_P50_GOAL_MS} ms`,
        healthy.p50 <= HEALTHY_P50_GOAL_MS,
      ],
      [
        `every port closed (${RUNS} runs)`,
        `p50 ${fmt(down.p50)} · p95 ${fmt(down.p95)} · max ${fmt(down.max)}`,
        `p95 ≤ ${CLOSED_P95_GOAL_MS} ms`,
        down.p95 <= CLOSED_P95_GOAL_MS,
      ],
      [
        `baseline: same checks sequential (${RUNS} runs)`,
        `p50 ${fmt(baseline.p50)} · p95 ${fmt(baseline.p95)}`,
        "(reference)",
        true,
      ],
      ["concurrent / sequential (p50)", ratio.toFixed(2), `≤ ${SPEEDUP_GOAL}`, ratio <= SPEEDUP_GOAL],
    ];
    process.stdout.write("\nValidation benchmark\n");
    for (const [name, value, goal, ok] of rows) {
      process.stdout.write(
        `  ${name.padEnd(44)} ${value.padEnd(48)} goal ${goal.padEnd(14)} ` +
          `${goal === "(reference)" ? "" : ok ? "PASS" : "FAIL"}\n`,
      );
    }
    const floor = cpu.total / cores;
    process.stdout.write(
      `\n  CPU per run across the stack: ${fmt(cpu.total)} (validator ${fmt(cpu.validator)}, Temporal ` +
        `server + UI ${fmt(cpu.temporal)}, PostgreSQL ${fmt(cpu.postgres)}; dockerd not counted)\n` +
        `  on ${cores} cores, load average ${os
          .loadavg()
          .map((l) => l.toFixed(1))
          .join(" / ")}: no schedule can finish a run in less than ≈ ${fmt(floor)}, ` +
        `i.e. ≈ ${(floor / baseline.p50).toFixed(2)} of the sequential p50, before any other load.\n`,
    );
    return rows.every((row) => row[3]) ? 0 : 1;
  } finally {
    await cleanup();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`validate.bench failed: ${(error as Error)?.stack ?? error}\n`);
    process.exit(1);
  },
);
