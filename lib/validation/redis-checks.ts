import { CHECK_IDS } from "./check-ids";
import { pingRedis } from "./redis-ping";
import { portCheck } from "./port-check";
import type { ValidationContext } from "./validation-context";
import { fail, pass, type CheckDefinition } from "./validation-check";
import type { ValidationOptions } from "./validation-options";

type Check = CheckDefinition<ValidationContext>;

/** Redis is optional (Temporal does not use it): its failures degrade the report only. */
export function redisChecks(options: ValidationOptions, redisPort: number): Check[] {
  const host = options.redisHost;
  return [
    portCheck({ id: CHECK_IDS.redisPort, label: "Redis port", component: "redis", host, port: redisPort }, options),
    {
      id: CHECK_IDS.redisPing,
      title: "Redis PING",
      category: "health",
      component: "redis",
      dependsOn: [CHECK_IDS.redisPort],
      async run(_context, signal) {
        const result = await pingRedis(host, redisPort, options.checkTimeoutMs, signal);
        if (result.ok) return pass("Redis answers PING with +PONG");
        return fail(`Redis did not answer PING: ${result.reason}`, {
          detail: result.reply ? `reply: ${result.reply}` : null,
        });
      },
    },
  ];
}
