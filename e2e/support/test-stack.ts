import { execFileSync } from "node:child_process";
import path from "node:path";
import { expect, type APIRequestContext } from "@playwright/test";
import type { StatusResponse } from "../../components/deploy/deploy-types";
import { freePorts } from "../../test/support/free-ports";
import { ensureLocalImage, requireTestImages } from "../../test/support/docker-fixtures";
import { STACK_IMAGES, writeStackConfig, type StackPorts, type StackVersions } from "../../test/support/stack-config";

/**
 * A test stack for the specs that deploy on the real Docker engine with the product's default
 * images, pulled from the local registry: the engine check, the config, the deploy through the
 * API and the clean-up. The dashboard under test reads its config and data below E2E_HOME
 * (playwright.config.ts), so these paths are the ones it uses.
 */

export { ensureLocalImage, freePorts };

export const IMAGES = STACK_IMAGES;
export const SERVICES = ["postgres", "temporal", "temporal-ui"];

export const home = process.env.E2E_HOME!;
export const configPath = path.join(home, "config", "mycelium", "config.yaml");
export const dataHome = path.join(home, "data");
export const deploymentsDir = path.join(dataHome, "mycelium", "deployments");
/** Where the dashboard under test writes Temporal profiles (TEMPORAL_CONFIG_FILE). */
export const temporalConfigFile = path.join(home, "temporal", "temporal.toml");

/** The Docker CLI, as a user would run it: cross-checks and the clean-up do not go through the app. */
export function docker(args: string[]): string {
  return execFileSync("docker", args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();
}

/**
 * Fail (never skip) when the engine does not answer or the registry lacks a stack image: a skipped deploy test proves
 * nothing.
 */
export async function requireEngine(): Promise<void> {
  try {
    docker(["version", "--format", "{{.Server.Version}}"]);
  } catch {
    throw new Error("This test deploys on the real Docker engine, but it does not answer (is dockerd running?).");
  }
  await requireTestImages();
}

/**
 * Write the stack's config where the dashboard reads it, on `ports` or else on free ones, and
 * return them. The deploy waits at most 120 s for the health checks.
 */
export async function writeTestStackConfig(
  project: string,
  { ports, versions }: { ports?: StackPorts; versions?: StackVersions } = {},
): Promise<StackPorts> {
  return writeStackConfig(configPath, { project, ports, versions, healthcheckTimeout: 120 });
}

export async function readStatus(request: APIRequestContext): Promise<StatusResponse> {
  const response = await request.get("/api/deploy/status");
  expect(response.status(), await response.text()).toBe(200);
  return (await response.json()) as StatusResponse;
}

export function allHealthy(status: StatusResponse, services: readonly string[] = SERVICES): boolean {
  return services.every((service) =>
    status.services.some((s) => s.service === service && s.state === "running" && s.health === "healthy"),
  );
}

export interface DeployAndWaitOptions {
  /** How long the deploy may take, in ms. */
  timeout?: number;
  /** Accept a 409 (a deploy of the project already runs: waiting for it is as good) besides a 202. */
  alreadyRunningOk?: boolean;
}

/**
 * Deploy the config through the API (faster than the wizard) and wait until the deploy has
 * succeeded and every container is healthy; a failed deploy fails at once, with its last event.
 */
export async function deployAndWait(
  request: APIRequestContext,
  baseURL: string,
  { timeout = 180_000, alreadyRunningOk = false }: DeployAndWaitOptions = {},
): Promise<void> {
  const started = await request.post("/api/deploy", { headers: { origin: baseURL } });
  expect(alreadyRunningOk ? [202, 409] : [202], await started.text()).toContain(started.status());
  await expect
    .poll(
      async () => {
        const status = await readStatus(request);
        if (status.deploy?.state === "failed")
          throw new Error(`The deploy failed: ${JSON.stringify(status.deploy.lastEvent)}`);
        return status.deploy?.state === "succeeded" && allHealthy(status);
      },
      { timeout, intervals: [1000] },
    )
    .toBe(true);
}

/**
 * Remove the project: through the API first, then by label with the CLI, whatever is left
 * (a test that failed half-way may leave containers the API no longer knows about).
 */
export async function removeStack(request: APIRequestContext, baseURL: string, project: string): Promise<void> {
  try {
    await request.post("/api/deploy/down", {
      data: { removeDataConfirmation: project },
      headers: { origin: baseURL },
      timeout: 60_000,
    });
  } catch {
    // the fallback below removes what the API could not
  }
  const filter = `label=com.docker.compose.project=${project}`;
  const leftovers = (kind: "container" | "volume" | "network") =>
    docker(kind === "container" ? ["ps", "-aq", "--filter", filter] : [kind, "ls", "-q", "--filter", filter])
      .split("\n")
      .filter(Boolean);
  const containers = leftovers("container");
  if (containers.length) docker(["rm", "-f", "-v", ...containers]);
  const volumes = leftovers("volume");
  if (volumes.length) docker(["volume", "rm", "-f", ...volumes]);
  const networks = leftovers("network");
  if (networks.length) docker(["network", "rm", ...networks]);
}
