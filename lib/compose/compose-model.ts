import type { ServiceDependency, ServiceName, ServiceRole } from "../stack/stack-services";

/**
 * One description of the stack that both outputs are made from: the portable
 * docker-compose.yml a user can take away, and the container specs Mycelium creates through
 * the Docker Engine API. Keeping one model is what makes `docker-compose ps` see our stack.
 */

/** A value that lives in `.env`, never in the compose file or a response. */
export interface SecretRef {
  secret: string;
}

export type EnvValue = string | SecretRef;

export interface PortMapping {
  hostIp: string;
  hostPort: number;
  containerPort: number;
}

export type Mount =
  | { type: "volume"; volume: string; target: string; readOnly?: boolean }
  /** `source` is relative to the deployment directory. */
  | { type: "bind"; source: string; target: string; readOnly: boolean };

export interface Healthcheck {
  /**
   * Docker's `test`: a command for the container's shell (`CMD-SHELL`), or a program and its
   * arguments run without one (`CMD`), for an image whose shell cannot run the check.
   */
  test: ["CMD-SHELL", string] | ["CMD", ...string[]];
  intervalSeconds: number;
  timeoutSeconds: number;
  retries: number;
  startPeriodSeconds: number;
}

export interface ComposeService {
  name: ServiceName;
  role: ServiceRole;
  containerName: string;
  image: string;
  /** Arguments after the image's entrypoint; null keeps the image's CMD. */
  command: string[] | null;
  environment: Record<string, EnvValue>;
  ports: PortMapping[];
  mounts: Mount[];
  /** null for a job: it is done when it exits 0. */
  healthcheck: Healthcheck | null;
  /** The user it runs as, when not the image's own (`user:`). */
  user?: string;
  /** `/etc/hosts` entries, as compose writes them: `host.docker.internal:host-gateway`. */
  extraHosts: string[];
  /** What must be started, healthy or completed before this one starts. */
  dependsOn: ServiceDependency[];
  memoryLimit: string | null;
  cpus: number | null;
}

export interface ComposeProject {
  name: string;
  services: ComposeService[];
  volumes: string[];
  /** Files written beside the compose file, relative to the deployment directory. */
  files: { path: string; content: string; mode: number }[];
}

/** Compose's own naming, which `docker-compose -p <project>` expects to find. */
export const composeNames = {
  network: (project: string) => `${project}_default`,
  volume: (project: string, volume: string) => `${project}_${volume}`,
};

/** The version Mycelium writes into `com.docker.compose.version`; docker-compose 1.29 needs it. */
export const COMPOSE_VERSION_LABEL = "1.29.2";

/** Our own labels, on every container, network and volume of a project (besides compose's). */
export function myceliumLabels(project: string, service?: ServiceName): Record<string, string> {
  return { "dev.mycelium.project": project, ...(service ? { "dev.mycelium.service": service } : {}) };
}
