import { promises as fs } from "node:fs";
import path from "node:path";
import { configSchema } from "../../lib/config/schema";
import { planDeployment } from "../../lib/plan/deployment-plan";
import { freePorts } from "./free-ports";

/**
 * The config a test stack is deployed from, shared by the integration tests and the e2e specs:
 * the product's default images (pulled from the local registry, see test/fixtures/README.md)
 * on ports the caller found free.
 */

/** The images the product's defaults deploy, as the plan chooses them. */
export const STACK_IMAGES = (() => {
  const plan = planDeployment({
    config: configSchema.parse({ project_name: "images" }),
    environment: { ports: new Map(), containers: [] },
    existingSecrets: null,
    generatePassword: () => "unused",
  });
  return { postgres: plan.decisions.images.postgres, temporal: plan.decisions.images.temporal, ui: plan.decisions.images.ui };
})();

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
}

/** The config.yaml text: only the fields the tests set, the rest stays at its default. */
export function stackConfigYaml({ project, ports, healthcheckTimeout }: StackConfigOptions): string {
  return [
    'version: "1.0"',
    `project_name: ${project}`,
    ...(healthcheckTimeout === undefined ? [] : ["deployment:", `  healthcheck_timeout: ${healthcheckTimeout}`]),
    "services:",
    "  postgres:",
    `    port: ${ports.postgres}`,
    "  temporal:",
    `    frontend_port: ${ports.frontend}`,
    `    ui_port: ${ports.ui}`,
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
