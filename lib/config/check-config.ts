import { checkDynamicConfig } from "./check-dynamic-config";
import { checkPortAssignments } from "./check-ports";
import { checkPostgresSettings } from "./check-postgres-settings";
import { checkServiceVersions } from "./check-service-versions";
import type { Finding } from "./findings";
import type { MyceliumConfig } from "./schema";

export interface SemanticCheckOptions {
  /** The config the running deployment was created from, for settings that cannot change afterwards. */
  deployed?: MyceliumConfig;
}

/**
 * Checks that need more than one field or outside facts: what the schema alone cannot say.
 * Pure: findings carry a dotted `path`; parse-config attaches line and column.
 */
export function checkConfigSemantics(config: MyceliumConfig, options: SemanticCheckOptions = {}): Finding[] {
  return [
    ...checkPortAssignments(config),
    ...checkServiceVersions(config),
    ...checkPostgresSettings(config),
    ...checkDynamicConfig(config),
    ...checkHistoryShards(config, options.deployed),
    ...checkBindAddress(config),
  ];
}

function checkHistoryShards(config: MyceliumConfig, deployed: MyceliumConfig | undefined): Finding[] {
  const { temporal } = config.services;
  if (!temporal.enabled) return [];
  const path = "services.temporal.history_shards";
  const shards = temporal.history_shards;
  const findings: Finding[] = [];
  if (!isPowerOfTwo(shards)) {
    const lower = 2 ** Math.floor(Math.log2(shards));
    findings.push({
      severity: "warning",
      code: "history-shards-not-power-of-two",
      path,
      message:
        `${path} is ${shards}, not a power of two: Temporal can only replicate between clusters whose shard ` +
        "counts divide one another, and the count can never change later",
      fix: `use ${lower} or ${lower * 2}`,
    });
  }
  const deployedShards = deployed?.services.temporal.history_shards;
  if (deployedShards !== undefined && deployedShards !== shards) {
    findings.push({
      severity: "warning",
      code: "history-shards-fixed",
      path,
      message:
        `${path} is ${shards}, but the cluster was initialised with ${deployedShards} shards; ` +
        "the server keeps the persisted value and ignores this change",
      fix: `set it back to ${deployedShards}. To change it you need a new cluster (fresh volume)`,
    });
  }
  return findings;
}

function checkBindAddress(config: MyceliumConfig): Finding[] {
  const address = config.deployment.bind_address;
  if (address.startsWith("127.") || address === "::1") return [];
  return [
    {
      severity: "warning",
      code: "bind-address-exposed",
      path: "deployment.bind_address",
      message:
        `deployment.bind_address is ${address}: the published ports are reachable from other machines, ` +
        "including PostgreSQL and Temporal's gRPC API, which has no authentication",
      fix: "keep 127.0.0.1 unless other machines must reach the stack, and then firewall the ports",
    },
  ];
}

function isPowerOfTwo(value: number): boolean {
  return value > 0 && (value & (value - 1)) === 0;
}
