import { describe, expect, it } from "vitest";
import { checkDynamicConfig } from "./check-dynamic-config";
import type { Finding } from "./findings";
import { configSchema, type DynamicConfigValue } from "./schema";

function findingsFor(dynamicConfig: Record<string, DynamicConfigValue>): Finding[] {
  return checkDynamicConfig(configSchema.parse({ services: { temporal: { dynamic_config: dynamicConfig } } }));
}

describe("checkDynamicConfig", () => {
  it("accepts known keys in both the shorthand and the list form", () => {
    expect(
      findingsFor({
        "frontend.rps": 2400,
        "limit.maxIDLength": [{ value: 255, constraints: {} }],
        "system.forceSearchAttributesCacheRefreshOnRead": [{ value: true, constraints: {} }],
        "frontend.namespaceRPS": [{ value: 100, constraints: { namespace: "default" } }],
        "matching.numTaskqueueReadPartitions": [
          { value: 8, constraints: { taskQueueName: "orders", taskType: "Activity" } },
        ],
        "matching.longPollExpirationInterval": "30s",
        // Temporal compares keys case-insensitively.
        "FRONTEND.RPS": 100,
      }),
    ).toEqual([]);
  });

  it("warns about unknown keys with a suggestion", () => {
    expect(findingsFor({ "frontend.rsp": 10 })).toEqual([
      expect.objectContaining({
        severity: "warning",
        code: "dynamic-config-unknown-key",
        path: "services.temporal.dynamic_config.frontend.rsp",
        fix: "rename it to frontend.rps",
      }),
    ]);
  });

  it("sends the shard count to history_shards", () => {
    for (const key of ["persistence.numHistoryShards", "numHistoryShards"]) {
      expect(findingsFor({ [key]: 512 })).toEqual([
        expect.objectContaining({
          severity: "error",
          code: "dynamic-config-not-a-key",
          message:
            `services.temporal.dynamic_config.${key}: the shard count is ` +
            `not a dynamic-config key; set services.temporal.history_shards`,
        }),
      ]);
    }
  });

  it("explains that the guide's limit.maxActivityConcurrentExecutions does not exist", () => {
    const [finding] = findingsFor({ "limit.maxActivityConcurrentExecutions": [{ value: 1000, constraints: {} }] });
    expect(finding?.severity).toBe("warning");
    expect(finding?.message).toContain(
      "the guide lists it, but Temporal's server has no such key; worker " +
        "concurrency is set in the worker (maxConcurrentActivityTaskExecutions)",
    );
  });

  it("rejects a value of the wrong kind", () => {
    expect(findingsFor({ "frontend.rps": "fast" })).toEqual([
      expect.objectContaining({
        severity: "error",
        code: "dynamic-config-wrong-type",
        message:
          'services.temporal.dynamic_config.frontend.rps: frontend.rps must be a whole number, not the string "fast"',
      }),
    ]);
    expect(findingsFor({ "limit.maxIDLength": [{ value: 2.5, constraints: {} }] })[0]?.path).toBe(
      "services.temporal.dynamic_config.limit.maxIDLength.0.value",
    );
    expect(findingsFor({ "system.enableActivityEagerExecution": "true" })[0]?.code).toBe("dynamic-config-wrong-type");
  });

  it("rejects unknown constraints and bad constraint values", () => {
    const [unknown] = findingsFor({ "frontend.rps": [{ value: 1, constraints: { namespce: "default" } }] });
    expect(unknown).toMatchObject({
      code: "dynamic-config-bad-constraint",
      path: "services.temporal.dynamic_config.frontend.rps.0.constraints.namespce",
      fix: "rename it to namespace",
    });
    const [badType] = findingsFor({
      "matching.numTaskqueueReadPartitions": [{ value: 4, constraints: { taskType: "Timer" } }],
    });
    expect(badType?.message).toContain("taskType must be Workflow or Activity");
  });
});
