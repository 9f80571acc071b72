/**
 * Why a Temporal server started right after the stack went down is slow to become healthy.
 *
 * A starting server reads every `cluster_membership` row whose heartbeat is under 20 s old
 * (`healthyHostLastHeartbeatCutoff`, common/membership/ringpop/monitor.go) and logs them as
 * "bootstrap hosts fetched". Rows its previous run left behind name addresses that no longer
 * answer; ringpop tries to join them for up to 30 s ("join duration … exceeded max 30s"), then
 * retries. Measured here on 1.22.0: 51 s from start to healthy after `down`, 3 s without.
 */

/** How long the server keeps trying to join before it retries (ringpop's MaxJoinDuration). */
const JOIN_ATTEMPT_SECONDS = 30;
const BOOTSTRAP_MESSAGE = "bootstrap hosts fetched";
const JOIN_RETRY_MESSAGE = "unable to bootstrap ringpop";

export interface ClusterRejoin {
  /** Addresses (IPs) of members the server tries to join that are not its own. */
  lostMembers: string[];
  /** A join attempt already ran out of time, and the server retries. */
  retrying: boolean;
}

function logRecord(line: string): Record<string, unknown> | null {
  const start = line.indexOf("{");
  if (start === -1) return null;
  try {
    const record: unknown = JSON.parse(line.slice(start));
    return record && typeof record === "object" ? (record as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function hostOf(hostPort: string): string {
  return hostPort.trim().replace(/:\d+$/, "");
}

/**
 * The members the server's latest bootstrap names that are none of `ownAddresses`, read from its
 * zap JSON log lines; null when it named none (a fresh database, or a clean start).
 */
export function clusterRejoinFromLogs(lines: readonly string[], ownAddresses: readonly string[]): ClusterRejoin | null {
  let lostMembers: string[] = [];
  let retrying = false;
  for (const line of lines) {
    const record = logRecord(line);
    const message = typeof record?.msg === "string" ? record.msg : "";
    if (message === BOOTSTRAP_MESSAGE && typeof record?.["bootstrap-hostports"] === "string") {
      const hosts = record["bootstrap-hostports"].split(",").map(hostOf).filter(Boolean);
      lostMembers = [...new Set(hosts)].filter((host) => !ownAddresses.includes(host));
    } else if (message.startsWith(JOIN_RETRY_MESSAGE)) {
      retrying = true;
    }
  }
  return lostMembers.length > 0 ? { lostMembers, retrying } : null;
}

/** The words a deploy shows beside a Temporal server that is still starting for this reason. */
export function describeClusterRejoin({ lostMembers, retrying }: ClusterRejoin): string {
  const one = lostMembers.length === 1;
  const waitingFor =
    `waiting to join ${lostMembers.join(", ")}, ${one ? "a member" : "members"} its previous run left in ` +
    `cluster_membership (a heartbeat under 20 s old counts as alive)`;
  return retrying
    ? `${waitingFor}: the first ${JOIN_ATTEMPT_SECONDS} s attempt ran out; the retry leaves out members whose ` +
        "heartbeat has expired, so it should be healthy within seconds."
    : `${waitingFor}: it tries for up to ${JOIN_ATTEMPT_SECONDS} s, then starts without ${one ? "it" : "them"}. ` +
        "About a minute in all; nothing is wrong.";
}
