import type { MyceliumConfig } from "../config/schema";
import { tailContainerLogs } from "../docker/container-logs";
import { listProjectContainers } from "../docker/project-resources";
import { MyceliumError } from "../errors";
import { hostPort } from "../net/host-port";
import { checkNamespaceUsable } from "../temporal/namespaces";
import { openTemporalConnection } from "../temporal/temporal-connection";
import { DeployFailure } from "./apply-deployment";
import type { DeployEventSink } from "./deploy-events";
import type { EngineTarget } from "../stack/engine-target";

const POLL_MS = 500;
const CALL_TIMEOUT_MS = 2000;
const LOG_TAIL_LINES = 30;

/**
 * The last step of a deploy: a healthy Temporal container only means the frontend is SERVING
 * (or, from 1.30, listening). auto-setup registers the default namespace in the background after
 * that, the 1.30+ namespace job once the frontend serves, and workflow calls
 * find it once the frontend's namespace cache has refreshed (~10 s on 1.22): until then a
 * worker would be told "Namespace default is not found". Waits for that, or fails in words.
 */
export async function waitForUsableNamespace(
  engine: EngineTarget,
  config: MyceliumConfig,
  deadline: number,
  emit: DeployEventSink,
  secrets: string[],
): Promise<void> {
  const { temporal } = config.services;
  const address = hostPort(engine.publishedHost(config.deployment.bind_address), temporal.frontend_port);
  emit({
    type: "phase",
    phase: "namespace",
    message: `Waiting until workflows can use namespace ${temporal.namespace}`,
  });
  const connection = openTemporalConnection(address);
  let last: MyceliumError | null = null;
  try {
    while (Date.now() < deadline) {
      try {
        await checkNamespaceUsable(connection, temporal.namespace, CALL_TIMEOUT_MS);
        emit({ type: "phase", phase: "namespace", message: `Namespace ${temporal.namespace} is ready for workflows` });
        return;
      } catch (error) {
        if (!(error instanceof MyceliumError) || error.code !== "not_found:namespace") throw error;
        last = error;
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  } finally {
    await connection.close();
  }
  const container = (await listProjectContainers(engine.docker, config.project_name)).find(
    (c) => c.service === "temporal",
  );
  const logTail = container
    ? await tailContainerLogs(engine.docker, container.id, LOG_TAIL_LINES, secrets).catch(() => [])
    : [];
  throw new DeployFailure(
    `Temporal is running, but namespace ${temporal.namespace} is not usable: ${last?.message ?? "no answer"}`,
    "temporal",
    logTail,
    {
      code: "unavailable:namespace",
      hint:
        `It is registered a few seconds after the server starts (by auto-setup, or ` +
        `the temporal-namespace job from 1.30); the log below says why it was not. ` +
        `\`mycelium namespace register ${temporal.namespace}\` registers it by hand.`,
    },
  );
}
