/**
 * `npm run bench:remote`: the guide's stack deployed to a remote engine over TCP+TLS (a second
 * dockerd in a network namespace, test/support/remote-engine.ts) against the same deploy on
 * this machine's engine, measured in the same run:
 *  - cold: no containers, no data volume, until the deploy has succeeded (every container
 *    healthy, the namespace ready);
 *  - no-op: the stack is already up with this config.
 * The two alternate, local remote local remote…, each figure is the median of BENCH_RUNS (3)
 * runs, and the ratios remote/local compare medians measured in the same run. Needs root.
 */
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { configSchema, type MyceliumConfig } from "../lib/config/schema";
import { startDeploy } from "../lib/deploy/deploy-session";
import { downStack } from "../lib/deploy/stack-control";
import { connectEngine, engineEndpoint, type EngineTarget } from "../lib/stack/engine-target";
import { findFreePort } from "../test/support/dashboard-server";
import { engine as localEngine, requireTestImages } from "../test/support/docker-fixtures";
import { startRemoteEngine } from "../test/support/remote-engine";
import { STACK_IMAGES } from "../test/support/stack-config";
import { alternate, median } from "./measure";

const RUNS = Number(process.env.BENCH_RUNS ?? 3);

/** Seconds until the deploy has succeeded. */
async function timeDeploy(target: EngineTarget, config: MyceliumConfig): Promise<number> {
  const started = performance.now();
  const session = await startDeploy(target, config);
  await new Promise<void>((resolve, reject) => {
    session.subscribe((event) => {
      if (event.type === "succeeded") resolve();
      if (event.type === "failed") reject(new Error(event.error.message));
    });
  });
  return (performance.now() - started) / 1000;
}

/** One engine's cold deploy (from nothing, data included) then a no-op on the stack it deployed. */
async function coldThenNoop(target: EngineTarget, config: MyceliumConfig): Promise<{ cold: number; noop: number }> {
  await downStack(target.docker, config.project_name, config.project_name);
  const cold = await timeDeploy(target, config);
  return { cold, noop: await timeDeploy(target, config) };
}

async function stackConfig(project: string, bindAddress: string): Promise<MyceliumConfig> {
  return configSchema.parse({
    project_name: project,
    deployment: { bind_address: bindAddress, healthcheck_timeout: 180 },
    services: {
      postgres: { port: await findFreePort() },
      temporal: { frontend_port: await findFreePort(), ui_port: await findFreePort() },
    },
  });
}

async function main(): Promise<number> {
  await requireTestImages();
  const dataHome = await fs.mkdtemp(path.join(os.tmpdir(), "mycelium-bench-remote-"));
  process.env.XDG_DATA_HOME = dataHome;
  const remote = await startRemoteEngine();
  const local = await stackConfig(`bench-local-${process.pid}`, "127.0.0.1");
  // A remote stack is reached at that machine's address: it publishes on all its interfaces.
  const distant = await stackConfig(`bench-remote-${process.pid}`, "0.0.0.0");
  const remoteEngine = connectEngine(engineEndpoint(remote.env));
  try {
    await remote.loadImages(Object.values(STACK_IMAGES));
    const runs = await alternate(
      RUNS,
      () => coldThenNoop(localEngine, local),
      () => coldThenNoop(remoteEngine, distant),
    );
    const medians = (samples: { cold: number; noop: number }[]) => ({
      cold: median(samples.map((run) => run.cold)),
      noop: median(samples.map((run) => run.noop)),
    });
    const here = medians(runs.ours);
    const there = medians(runs.baseline);
    console.log("the guide's stack (Temporal 1.22.0 auto-setup, PostgreSQL 15.3, UI), until the deploy succeeded:");
    console.log(
      `cold deploy: remote over TLS ${there.cold.toFixed(2)} s, local ${here.cold.toFixed(2)} s ` +
        `(medians of ${RUNS}, alternated); ratio remote/local ${(there.cold / here.cold).toFixed(2)}`,
    );
    console.log(
      `no-op redeploy: remote over TLS ${there.noop.toFixed(3)} s, local ${here.noop.toFixed(3)} s ` +
        `(medians of ${RUNS}, alternated); ratio remote/local ${(there.noop / here.noop).toFixed(2)}`,
    );
    return 0;
  } finally {
    await downStack(localEngine.docker, local.project_name, local.project_name).catch(() => undefined);
    await remote.stop();
    await fs.rm(dataHome, { recursive: true, force: true });
  }
}

process.exitCode = await main();
