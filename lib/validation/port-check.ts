import { probeTcp } from "./tcp-probe";
import type { ValidationContext } from "./validation-context";
import { fail, pass, type CheckComponent, type CheckDefinition } from "./validation-check";
import type { ValidationOptions } from "./validation-options";

export interface PortCheckSpec {
  id: string;
  /** How the port is named in a sentence: "PostgreSQL port", "Temporal gRPC port". */
  label: string;
  component: CheckComponent;
  host: string;
  port: number;
  remedy?: string;
  /** Said when the port is closed, e.g. that the service is optional. */
  hint?: string;
}

/** The first check of every service: does a TCP connection to its port open? */
export function portCheck(spec: PortCheckSpec, options: ValidationOptions): CheckDefinition<ValidationContext> {
  const { id, label, component, host, port, remedy, hint } = spec;
  return {
    id,
    title: `${label} ${port}`,
    category: "connectivity",
    component,
    dependsOn: [],
    timeoutMs: options.tcpTimeoutMs + 200,
    ...(remedy ? { remedy } : {}),
    async run(_context, signal) {
      const probe = await probeTcp(host, port, options.tcpTimeoutMs, signal);
      if (probe.open) return pass(`${label} ${port} is open on ${host}`);
      return fail(`${label} ${port} is not reachable on ${host} (${probe.reason})`, {
        detail: `TCP connect to ${host}:${port}: ${probe.code}`,
        ...(hint ? { hint } : {}),
      });
    },
  };
}
