import { didYouMean } from "./did-you-mean";
import type { Finding } from "./findings";
import { describeValue as describe } from "./quote-value";
import type { DynamicConfigValue, MyceliumConfig } from "./schema";
import {
  DYNAMIC_CONFIG_CONSTRAINTS,
  DYNAMIC_CONFIG_KIND_DESCRIPTIONS,
  dynamicConfigKey,
  dynamicConfigValueMatches,
  KNOWN_DYNAMIC_CONFIG_KEYS,
  MISPLACED_DYNAMIC_CONFIG_KEYS,
} from "./temporal-dynamic-config";

/**
 * Temporal reads dynamic config leniently: unknown keys are ignored and a value of the wrong
 * type falls back to the default with only a log line. These checks make both visible.
 */
export function checkDynamicConfig(config: MyceliumConfig): Finding[] {
  const { temporal } = config.services;
  if (!temporal.enabled) return [];
  return Object.entries(temporal.dynamic_config).flatMap(([key, value]) => checkEntry(key, value));
}

function checkEntry(key: string, value: DynamicConfigValue): Finding[] {
  const path = `services.temporal.dynamic_config.${key}`;
  const misplaced = MISPLACED_DYNAMIC_CONFIG_KEYS.get(key.toLowerCase());
  if (misplaced === "history-shards") {
    return [
      {
        severity: "error",
        code: "dynamic-config-not-a-key",
        path,
        message: `${path}: the shard count is not a dynamic-config key; set services.temporal.history_shards`,
        fix: "remove it here and set services.temporal.history_shards (fixed once the cluster is initialised)",
      },
    ];
  }
  if (misplaced === "worker-concurrency") {
    return [
      {
        severity: "warning",
        code: "dynamic-config-unknown-key",
        path,
        message:
          `${path}: the guide lists it, but Temporal's server has no such key; worker concurrency is set ` +
          "in the worker (maxConcurrentActivityTaskExecutions). The server will ignore this entry",
        fix: "remove it and set maxConcurrentActivityTaskExecutions in your worker's options",
      },
    ];
  }

  const findings: Finding[] = [];
  const known = dynamicConfigKey(key);
  if (!known) {
    const suggestion = didYouMean(key, KNOWN_DYNAMIC_CONFIG_KEYS);
    findings.push({
      severity: "warning",
      code: "dynamic-config-unknown-key",
      path,
      message:
        `${path}: ${key} is not a Temporal dynamic-config key Mycelium knows; the server ignores ` +
        "unknown keys without a word, so it would have no effect" +
        (suggestion ? ` — did you mean \`${suggestion}\`?` : ""),
      fix: suggestion
        ? `rename it to ${suggestion}`
        : "check the key against Temporal's dynamicconfig/constants.go for your server version",
    });
  }

  // A bare value is shorthand for one unconstrained entry.
  const entries = Array.isArray(value) ? value : [{ value, constraints: {} }];
  entries.forEach((entry, index) => {
    const entryPath = Array.isArray(value) ? `${path}.${index}` : path;
    const valuePath = Array.isArray(value) ? `${entryPath}.value` : path;
    if (entry.value === undefined) {
      findings.push({
        severity: "error",
        code: "dynamic-config-missing-value",
        path: entryPath,
        message: `${entryPath} has no value`,
        fix: "add `value: …` to the entry",
      });
    } else if (known && !dynamicConfigValueMatches(known.kind, entry.value)) {
      findings.push({
        severity: "error",
        code: "dynamic-config-wrong-type",
        path: valuePath,
        message:
          `${valuePath}: ${known.key} must be ` +
          `${DYNAMIC_CONFIG_KIND_DESCRIPTIONS[known.kind]}, not ${describe(entry.value)}`,
        fix: `write ${DYNAMIC_CONFIG_KIND_DESCRIPTIONS[known.kind]}`,
      });
    }
    for (const [name, constraintValue] of Object.entries(entry.constraints)) {
      const problem = constraintProblem(name, constraintValue);
      if (problem) {
        findings.push({
          severity: "error",
          code: "dynamic-config-bad-constraint",
          path: `${entryPath}.constraints.${name}`,
          message: `${entryPath}.constraints.${name}: ${problem.message}`,
          fix: problem.fix,
        });
      }
    }
  });
  return findings;
}

function constraintProblem(name: string, value: string | number): { message: string; fix: string } | null {
  const canonical = DYNAMIC_CONFIG_CONSTRAINTS.find((constraint) => constraint.toLowerCase() === name.toLowerCase());
  if (!canonical) {
    const suggestion = didYouMean(name, DYNAMIC_CONFIG_CONSTRAINTS);
    return {
      message: `${name} is not a constraint Temporal understands (${DYNAMIC_CONFIG_CONSTRAINTS.join(", ")})`,
      fix: suggestion ? `rename it to ${suggestion}` : `use one of ${DYNAMIC_CONFIG_CONSTRAINTS.join(", ")}`,
    };
  }
  if (canonical === "taskType") {
    const ok = typeof value === "string" ? /^(workflow|activity)$/i.test(value) : value === 1 || value === 2;
    return ok
      ? null
      : { message: `taskType must be Workflow or Activity, not ${describe(value)}`, fix: "write Workflow or Activity" };
  }
  if (canonical === "shardID") {
    return typeof value === "number" && Number.isInteger(value) && value >= 1
      ? null
      : {
          message: `shardID must be a shard number (1 or more), not ${describe(value)}`,
          fix: "write the shard number without quotes",
        };
  }
  return typeof value === "string"
    ? null
    : { message: `${canonical} must be text, not ${describe(value)}`, fix: `write the ${canonical} in quotes` };
}
