import { resolveProjectPaths, type ProjectPaths } from "../config/config-location";
import { loadValidConfig } from "../config/load-valid-config";
import type { MyceliumConfig } from "../config/schema";
import { deploymentDirectory } from "../deploy/deployment-files";
import { environmentEngine, type EngineTarget } from "./engine-target";

/**
 * What every route handler and CLI command starts from, worked out once: where the project's
 * files are and which engine it is deployed to. Tests pass their own paths instead of steering
 * them through `XDG_*` variables.
 */
export interface ProjectContext {
  readonly paths: ProjectPaths;
  readonly engine: EngineTarget;
}

/** The context plus its valid config: what a command about the deployed stack needs. */
export interface Project extends ProjectContext {
  readonly config: MyceliumConfig;
  /** The generated files and `.env` of this project. */
  readonly deploymentDir: string;
}

/** The context of this process's environment, parts of it replaced (tests, a chosen engine). */
export function projectContext(given: Partial<ProjectContext> = {}): ProjectContext {
  const paths = given.paths ?? resolveProjectPaths();
  return {
    paths,
    // Resolved on first use: the config editor works even when DOCKER_HOST cannot be read.
    get engine() {
      return given.engine ?? environmentEngine();
    },
  };
}

/** The project of `context`: its config loaded and valid, or the clear error pointing at the editor. */
export async function openProject(context: ProjectContext = projectContext()): Promise<Project> {
  const config = await loadValidConfig(context.paths.configPath);
  return { ...context, config, deploymentDir: deploymentDirectory(config.project_name, context.paths.deploymentsRoot) };
}
