/**
 * `npm run bench:deploy`: our deploy vs `docker-compose up -d` on the same generated file and
 * the same local images (build them first: `node test/fixtures/images/build-images.mjs`).
 *  - cold: no containers, fresh data volume, until every container is running
 *    (both gate each service on its dependencies' health, as the file says);
 *  - no-op: the stack is already up with this config.
 */
import { execFileSync } from "node:child_process";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { configSchema } from "../lib/config/schema";
import { startDeploy } from "../lib/deploy/deploy-session";
import { COMPOSE_FILE, deploymentDirectory } from "../lib/deploy/deployment-files";
import { findFreePort } from "../test/support/dashboard-server";
import { docker, removeProject, requireTestImages, TEST_IMAGES } from "../test/support/docker-fixtures";

const RUNS = Number(process.env.BENCH_RUNS ?? 3);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function timeOurDeploy(config: ReturnType<typeof configSchema.parse>): Promise<{ running: number; total: number }> {
  const started = performance.now();
  const session = await startDeploy(docker, config);
  let lastStart = started;
  await new Promise<void>((resolve, reject) => {
    session.subscribe((event) => {
      if (event.type === "container" && event.action === "started") lastStart = performance.now();
      if (event.type === "succeeded") resolve();
      if (event.type === "failed") reject(new Error(event.error.message));
    });
  });
  const total = performance.now() - started;
  // A no-op deploy starts nothing: it is done when it has checked everything.
  return { running: (lastStart === started ? total : lastStart - started) / 1000, total: total / 1000 };
}

function timeCompose(args: string[], cwd: string): number {
  const started = performance.now();
  execFileSync("docker-compose", args, { cwd, stdio: ["ignore", "ignore", "pipe"] });
  return (performance.now() - started) / 1000;
}

async function main(): Promise<number> {
  await requireTestImages();
  const dataHome = await fs.mkdtemp(path.join(os.tmpdir(), "mycelium-bench-"));
  process.env.XDG_DATA_HOME = dataHome;
  const project = `bench-deploy-${process.pid}`;
  const config = configSchema.parse({
    project_name: project,
    services: {
      postgres: { port: await findFreePort(), image: TEST_IMAGES.postgres },
      temporal: { frontend_port: await findFreePort(), ui_port: await findFreePort(), image: TEST_IMAGES.temporal, ui_image: TEST_IMAGES.ui },
    },
  });
  const directory = deploymentDirectory(project);
  const compose = (...args: string[]) => ["-p", project, "-f", COMPOSE_FILE, ...args];

  try {
    const ours: number[] = [];
    const theirs: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      await removeProject(project);
      ours.push((await timeOurDeploy(config)).running);
      await removeProject(project);
      theirs.push(timeCompose(compose("up", "-d"), directory));
    }
    const composeNoop = timeCompose(compose("up", "-d"), directory);
    await removeProject(project);
    await timeOurDeploy(config);
    const oursNoop: number[] = [];
    for (let run = 0; run < RUNS; run++) oursNoop.push((await timeOurDeploy(config)).total);

    const coldRatio = median(ours) / median(theirs);
    const results = [
      `cold deploy until running: ours ${median(ours).toFixed(2)} s, docker-compose up -d ${median(theirs).toFixed(2)} s (median of ${RUNS})`,
      `cold ratio ours/compose: ${coldRatio.toFixed(2)} (goal ≤ 1.0) ${coldRatio <= 1 ? "PASS" : "FAIL"}`,
      `no-op redeploy: ours ${median(oursNoop).toFixed(3)} s (goal < 0.5 s) ${median(oursNoop) < 0.5 ? "PASS" : "FAIL"}, docker-compose up -d ${composeNoop.toFixed(3)} s`,
    ];
    for (const line of results) console.log(line);
    return results.some((line) => line.endsWith("FAIL")) ? 1 : 0;
  } finally {
    await removeProject(project);
    await fs.rm(dataHome, { recursive: true, force: true });
  }
}

process.exitCode = await main();
