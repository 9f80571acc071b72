import { promises as fs } from "node:fs";
import path from "node:path";
import { freePorts } from "./free-ports";

/**
 * The config a test stack is deployed from, shared by the integration tests and the e2e specs:
 * the local test images (nothing can be pulled here) on ports the caller found free.
 */

/** The images of a deployed stack: local builds (see test/fixtures/README.md). */
export const STACK_IMAGES = {
  postgres: "mycelium-test/postgres:15",
  temporal: "mycelium-test/temporal:1.22.0",
  ui: "mycelium-test/temporal-ui:2.17.1",
} as const;

export interface StackPorts {
  postgres: number;
  frontend: number;
  ui: number;
}

export interface StackConfigOptions {
  project: string;
  ports: StackPorts;
  /** `deployment.healthcheck_timeout` in seconds; left out (the default) when not given. */
  healthcheckTimeout?: number;
  /** `services.temporal.enabled`; left out (the default, on) when not given. */
  temporalEnabled?: boolean;
}

/** The config.yaml text: only the fields the tests set, the rest stays at its default. */
export function stackConfigYaml({ project, ports, healthcheckTimeout, temporalEnabled }: StackConfigOptions): string {
  return [
    'version: "1.0"',
    `project_name: ${project}`,
    ...(healthcheckTimeout === undefined ? [] : ["deployment:", `  healthcheck_timeout: ${healthcheckTimeout}`]),
    "services:",
    "  postgres:",
    `    port: ${ports.postgres}`,
    `    image: ${STACK_IMAGES.postgres}`,
    "  temporal:",
    ...(temporalEnabled === undefined ? [] : [`    enabled: ${temporalEnabled}`]),
    `    frontend_port: ${ports.frontend}`,
    `    ui_port: ${ports.ui}`,
    `    image: ${STACK_IMAGES.temporal}`,
    `    ui_image: ${STACK_IMAGES.ui}`,
    "",
  ].join("\n");
}

/**
 * Write the stack's config where the dashboard under test reads it (MYCELIUM_CONFIG), on
 * `ports` or else on ports free now, and return the ports.
 */
export async function writeStackConfig(configPath: string, options: Omit<StackConfigOptions, "ports"> & { ports?: StackPorts }): Promise<StackPorts> {
  const [postgres, frontend, ui] = options.ports ? [options.ports.postgres, options.ports.frontend, options.ports.ui] : await freePorts(3);
  const ports = { postgres: postgres!, frontend: frontend!, ui: ui! };
  await fs.mkdir(path.dirname(configPath), { recursive: true });
  await fs.writeFile(configPath, stackConfigYaml({ ...options, ports }));
  return ports;
}
