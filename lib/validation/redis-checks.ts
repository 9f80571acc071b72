import { CHECK_IDS } from "./check-ids";
import { pingRedis } from "./redis-ping";
import { probeTcp } from "./tcp-probe";
import type { ValidationContext } from "./validation-context";
import { fail, pass, type CheckDefinition } from "./validation-check";
import type { ValidationOptions } from "./validation-options";

type Check = CheckDefinition<ValidationContext>;

/** Redis is optional (Temporal does not use it): its failures degrade the report only. */
export function redisChecks(options: ValidationOptions, redisPort: number): Check[] {
  const host = options.redisHost;
  return [
    {
      id: CHECK_IDS.redisPort,
      title: `Redis port ${redisPort}`,
      category: "connectivity",
      component: "redis",
      dependsOn: [],
      timeoutMs: options.tcpTimeoutMs + 200,
      async run(_context, signal) {
        const probe = await probeTcp(host, redisPort, options.tcpTimeoutMs, signal);
        if (probe.open) return pass(`Redis port ${redisPort} is open on ${host}`);
        return fail(`Redis port ${redisPort} is not reachable on ${host} (${probe.reason})`, { detail: `TCP connect to ${host}:${redisPort}: ${probe.code}` });
      },
    },
    {
      id: CHECK_IDS.redisPing,
      title: "Redis PING",
      category: "health",
      component: "redis",
      dependsOn: [CHECK_IDS.redisPort],
      async run(_context, signal) {
        const result = await pingRedis(host, redisPort, options.checkTimeoutMs, signal);
        if (result.ok) return pass("Redis answers PING with +PONG");
        return fail(`Redis did not answer PING: ${result.reason}`, { detail: result.reply ? `reply: ${result.reply}` : null });
      },
    },
  ];
}
