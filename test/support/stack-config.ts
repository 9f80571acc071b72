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

/** The images a deploy of these settings uses, as the plan chooses them. */
function imagesOf(services: object) {
  const plan = planDeployment({
    config: configSchema.parse({ project_name: "images", services }),
    environment: { ports: new Map(), containers: [] },
    existingSecrets: null,
    generatePassword: () => "unused",
  });
  return plan.decisions.images;
}

/** The images the product's defaults (the guide's 1.22.0 stack) deploy. */
export const STACK_IMAGES = (({ postgres, temporal, ui }) => ({ postgres, temporal, ui }))(imagesOf({}));

/** The newest Temporal release the tests deploy, in its 1.30+ shape (server, admin-tools jobs). */
export const CURRENT_RELEASE = { temporal: "1.32.2", postgres: "16" } as const;

export const CURRENT_RELEASE_IMAGES = (({ postgres, temporal, adminTools, ui }) => ({ postgres, temporal, adminTools, ui }))(
  imagesOf({ temporal: { version: CURRENT_RELEASE.temporal }, postgres: { version: CURRENT_RELEASE.postgres } }),
);

/** The versions a stack is deployed at, when not the product's defaults. */
export interface StackVersions {
  temporal: string;
  /** services.temporal.ui_version: pinned, so the test images' UI serves every step of an upgrade. */
  ui: string;
  postgres: string;
}

/** The images a stack of `versions` deploys (its server, admin-tools, PostgreSQL and UI). */
export function imagesAt(versions: StackVersions): string[] {
  const { postgres, temporal, adminTools, ui } = imagesOf({
    temporal: { version: versions.temporal, ui_version: versions.ui },
    postgres: { version: versions.postgres },
  });
  return [postgres, temporal, adminTools, ui];
}

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
  /** Left out: the product's defaults. */
  versions?: StackVersions;
}

/** The config.yaml text: only the fields the tests set, the rest stays at its default. */
export function stackConfigYaml({ project, ports, healthcheckTimeout, versions }: StackConfigOptions): string {
  return [
    'version: "1.0"',
    `project_name: ${project}`,
    ...(healthcheckTimeout === undefined ? [] : ["deployment:", `  healthcheck_timeout: ${healthcheckTimeout}`]),
    "services:",
    "  postgres:",
    `    port: ${ports.postgres}`,
    ...(versions ? [`    version: "${versions.postgres}"`] : []),
    "  temporal:",
    ...(versions ? [`    version: "${versions.temporal}"`, `    ui_version: "${versions.ui}"`] : []),
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
