/**
 * The names of the stack's services and jobs, in the order every list shows them (compose,
 * status, logs). Apart from the registry (stack-services.ts) so that the browser can order and
 * colour them without loading what builds them.
 */
export const SERVICE_NAMES = [
  "postgres",
  "temporal-schema",
  "temporal-config",
  "temporal",
  "temporal-namespace",
  "temporal-ui",
  "redis",
] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

export function isServiceName(name: string): name is ServiceName {
  return (SERVICE_NAMES as readonly string[]).includes(name);
}
