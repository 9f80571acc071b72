import type Docker from "dockerode";
import type { HealthTarget } from "../docker/container-health";
import { tailContainerLogs } from "../docker/container-logs";
import { withEngine } from "../docker/docker-client";
import { stackService } from "../stack/stack-services";
import { clusterRejoinFromLogs, describeClusterRejoin } from "../temporal/cluster-rejoin";

/** Lines of a starting server's log read to explain its wait: its bootstrap comes early. */
const STARTUP_LOG_LINES = 2000;
/**
 * A server that joins its lost members quickly needs no words: it is healthy within a few
 * seconds whether its bootstrap named them or not (seen on 1.32.2, and on 1.22.0 at times).
 */
const SLOW_START_MS = 10_000;

/** Why a service a deploy waits for is still starting, when its logs say; null otherwise. */
export async function explainSlowStart(docker: Docker, target: HealthTarget): Promise<string | null> {
  if (!stackService(target.service)?.joinsTemporalCluster) return null;
  const info = await withEngine(() => docker.getContainer(target.containerId).inspect());
  const startedAt = Date.parse(info.State.StartedAt);
  if (Date.now() - startedAt < SLOW_START_MS) return null;
  const ownAddresses = Object.values(info.NetworkSettings.Networks ?? {}).map((network) => network.IPAddress);
  // This run's lines only (a restarted container keeps its earlier runs' logs); the engine
  // records StartedAt a moment after the process starts writing.
  const sinceSeconds = startedAt / 1000 - 1;
  const lines = await tailContainerLogs(docker, target.containerId, STARTUP_LOG_LINES, [], { sinceSeconds });
  const rejoin = clusterRejoinFromLogs(lines, ownAddresses);
  return rejoin ? describeClusterRejoin(rejoin) : null;
}
