import { createHash } from "node:crypto";
import type { ComposeService } from "./compose-model";

/** JSON with object keys sorted, so the same service always hashes the same. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/**
 * The `com.docker.compose.config-hash` label: a digest of everything that shapes the
 * container, secrets included (a rotated password must recreate the containers using it).
 * Equal hashes mean a redeploy leaves the container alone.
 */
export function serviceConfigHash(service: ComposeService, secrets: Record<string, string>): string {
  const resolved = {
    ...service,
    environment: Object.fromEntries(
      Object.entries(service.environment).map(([key, value]) => [
        key,
        typeof value === "string" ? value : (secrets[value.secret] ?? ""),
      ]),
    ),
  };
  return createHash("sha256").update(stableJson(resolved)).digest("hex");
}
