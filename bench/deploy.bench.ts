/**
 * `npm run bench:deploy`: our deploy vs `docker-compose up -d` on the same generated file and
 * the same local images (build them first: `node test/fixtures/images/build-images.mjs`), for
 * the guide's 1.22.0 stack and for the newest release in its 1.30+ shape (jobs included).
 *  - cold: no containers, fresh data volume, until every container is running
 *    (both gate each service on its dependencies' health, as the file says);
 *  - no-op: the stack is already up with this config, every container healthy.
 * The two alternate, A B A B…, each figure is the median of BENCH_RUNS (3) runs, and the
 * ratios ours/compose compare medians measured in the same run.
 */
import { execFileSync } from "node:child_process";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { configSchema } from "../lib/config/schema";
import { startDeploy } from "../lib/deploy/deploy-session";
import { COMPOSE_FILE, deploymentDirectory } from "../lib/deploy/deployment-files";
import { findFreePort } from "../test/support/dashboard-server";
import { readStackStatus } from "../lib/deploy/stack-status";
import { serviceVerdict } from "../lib/stack/service-verdict";
import { docker, engine, removeProject, requireImages, requireTestImages } from "../test/support/docker-fixtures";
import { CURRENT_RELEASE, CURRENT_RELEASE_IMAGES } from "../test/support/stack-config";
import { alternate, median } from "./measure";

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const SETTLE_TIMEOUT_MS = 120_000;

async function timeOurDeploy(
  config: ReturnType<typeof configSchema.parse>,
): Promise<{ running: number; total: number }> {
  const started = performance.now();
  const session = await startDeploy(engine, config);
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

/**
 * Waits until every service is healthy and every job completed: a no-op is timed on a settled
 * stack. Ours returns only then; compose returns as soon as the last container starts.
 */
async function settle(project: string, containers: number): Promise<void> {
  const deadline = Date.now() + SETTLE_TIMEOUT_MS;
  for (;;) {
    const { services } = await readStackStatus(docker, project);
    if (services.length === containers && services.every((s) => serviceVerdict(s).tone === "ok")) return;
    if (Date.now() > deadline)
      throw new Error(
        `${project} did not settle: ${services.map((s) => `${s.service} ${serviceVerdict(s).label}`).join(", ")}`,
      );
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The figures of one stack: versions as `services` sets them, every other setting the default. */
async function benchStack(
  label: string,
  versions: { postgres?: object; temporal?: object },
  containers: number,
): Promise<string[]> {
  const project = `bench-deploy-${process.pid}`;
  const config = configSchema.parse({
    project_name: project,
    services: {
      postgres: { port: await findFreePort(), ...versions.postgres },
      temporal: { frontend_port: await findFreePort(), ui_port: await findFreePort(), ...versions.temporal },
    },
  });
  const directory = deploymentDirectory(project);
  const compose = (...args: string[]) => ["-p", project, "-f", COMPOSE_FILE, ...args];

  try {
    // Each side times a cold deploy then a no-op on the stack it deployed itself, as its users
    // meet it. Ours goes first: it writes the compose file that compose reads.
    const runs = await alternate(
      RUNS,
      async () => {
        await removeProject(project);
        const cold = (await timeOurDeploy(config)).running;
        await settle(project, containers);
        return { cold, noop: (await timeOurDeploy(config)).total };
      },
      async () => {
        await removeProject(project);
        const cold = timeCompose(compose("up", "-d"), directory);
        await settle(project, containers);
        return { cold, noop: timeCompose(compose("up", "-d"), directory) };
      },
    );
    const medians = (samples: { cold: number; noop: number }[]) => ({
      cold: median(samples.map((run) => run.cold)),
      noop: median(samples.map((run) => run.noop)),
    });
    const ours = medians(runs.ours);
    const theirs = medians(runs.baseline);

    const coldRatio = ours.cold / theirs.cold;
    return [
      `${label}:`,
      `cold deploy until running: ours ${ours.cold.toFixed(2)} s, docker-compose ` +
        `up -d ${theirs.cold.toFixed(2)} s (medians of ${RUNS}, alternated)`,
      `cold ratio ours/compose: ${coldRatio.toFixed(2)} (goal ≤ 1.0) ${coldRatio <= 1 ? "PASS" : "FAIL"}`,
      `no-op redeploy: ours ${ours.noop.toFixed(3)} s (goal < 0.5 s) ${ours.noop < 0.5 ? "PASS" : "FAIL"}, ` +
        `docker-compose up -d ${theirs.noop.toFixed(3)} s (medians of ${RUNS}, alternated)`,
      `no-op ratio ours/compose: ${(ours.noop / theirs.noop).toFixed(2)}`,
    ];
  } finally {
    await removeProject(project);
  }
}

async function main(): Promise<number> {
  await requireTestImages();
  await requireImages(Object.values(CURRENT_RELEASE_IMAGES));
  const dataHome = await fs.mkdtemp(path.join(os.tmpdir(), "mycelium-bench-"));
  process.env.XDG_DATA_HOME = dataHome;
  try {
    const results = [
      ...(await benchStack("the guide's stack (Temporal 1.22.0 auto-setup, PostgreSQL 15.3, UI)", {}, 3)),
      ...(await benchStack(
        `the newest release (Temporal ${CURRENT_RELEASE.temporal}: PostgreSQL ` +
          `${CURRENT_RELEASE.postgres}, schema and config jobs, server, namespace job, UI)`,
        { postgres: { version: CURRENT_RELEASE.postgres }, temporal: { version: CURRENT_RELEASE.temporal } },
        6,
      )),
    ];
    for (const line of results) console.log(line);
    return results.some((line) => line.endsWith("FAIL")) ? 1 : 0;
  } finally {
    await fs.rm(dataHome, { recursive: true, force: true });
  }
}

process.exitCode = await main();
