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

/** The images a 1.30+ stack of these versions runs: PostgreSQL, the server, admin-tools, the UI. */
function currentShapeImages(versions: StackVersions) {
  const temporal = { version: versions.temporal, ...(versions.ui ? { ui_version: versions.ui } : {}) };
  const images = imagesOf({ temporal, postgres: { version: versions.postgres } });
  return { postgres: images.postgres, temporal: images.temporal, adminTools: images.adminTools, ui: images.ui };
}

export const CURRENT_RELEASE_IMAGES = currentShapeImages(CURRENT_RELEASE);

/**
 * The minor before the newest, where the upgrade test starts: 1.31.2, the newest 1.31 patch
 * the module proxy can build (test/fixtures/images/go-binaries.mjs). Its UI pairing (2.52.0)
 * has no test image, so it runs 1.32's UI, as a config that pins `ui_version` does. On
 * PostgreSQL 15, whose test image has the matching pg_dump: the postgres:16 test image carries
 * only 16's server programs, and an upgrade's backup needs pg_dump of the server's major.
 */
export const PREVIOUS_RELEASE = { temporal: "1.31.2", postgres: "15.3", ui: "2.54.1" } as const;

export const PREVIOUS_RELEASE_IMAGES = currentShapeImages(PREVIOUS_RELEASE);

/** Versions a test stack pins; the product's defaults when left out. */
export interface StackVersions {
  temporal: string;
  postgres: string;
  ui?: string;
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
  /** `deployment.bind_address`; left out (127.0.0.1) when not given. */
  bindAddress?: string;
  /** Left out: the product's defaults. */
  versions?: StackVersions;
}

/** The config.yaml text: only the fields the tests set, the rest stays at its default. */
export function stackConfigYaml({
  project,
  ports,
  healthcheckTimeout,
  bindAddress,
  versions,
}: StackConfigOptions): string {
  const deployment = [
    ...(healthcheckTimeout === undefined ? [] : [`  healthcheck_timeout: ${healthcheckTimeout}`]),
    ...(bindAddress === undefined ? [] : [`  bind_address: "${bindAddress}"`]),
  ];
  return [
    'version: "1.0"',
    `project_name: ${project}`,
    ...(deployment.length ? ["deployment:", ...deployment] : []),
    "services:",
    "  postgres:",
    `    port: ${ports.postgres}`,
    ...(versions ? [`    version: "${versions.postgres}"`] : []),
    "  temporal:",
    ...(versions ? [`    version: "${versions.temporal}"`] : []),
    ...(versions?.ui ? [`    ui_version: "${versions.ui}"`] : []),
    `    frontend_port: ${ports.frontend}`,
    `    ui_port: ${ports.ui}`,
    "",
  ].join("\n");
}

/**
 * Write the stack's config where the dashboard under test reads it (MYCELIUM_CONFIG), on
 * `ports` or else on ports free now, and return the ports.
 */
export async function writeStackConfig(
  configPath: string,
  options: Omit<StackConfigOptions, "ports"> & { ports?: StackPorts },
): Promise<StackPorts> {
  const [postgres, frontend, ui] = options.ports
    ? [options.ports.postgres, options.ports.frontend, options.ports.ui]
    : await freePorts(3);
  const ports = { postgres: postgres!, frontend: frontend!, ui: ui! };
  await fs.mkdir(path.dirname(configPath), { recursive: true });
  await fs.writeFile(configPath, stackConfigYaml({ ...options, ports }));
  return ports;
}
