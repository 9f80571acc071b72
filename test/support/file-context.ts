import { promises as fs } from "node:fs";
import path from "node:path";
import { connectEngine } from "../../lib/stack/engine-target";
import type { ProjectContext } from "../../lib/stack/project-context";

/**
 * A project context under `home` with `configYaml` as its config: the config file, the
 * deployments and the state all below it, and an engine that is never reached (for code that
 * only reads files).
 */
export async function fileOnlyContext(home: string, configYaml: string): Promise<ProjectContext> {
  const configPath = path.join(home, "config.yaml");
  await fs.writeFile(configPath, configYaml);
  const paths = {
    configPath,
    deploymentsRoot: path.join(home, "deployments"),
    stateDirectory: path.join(home, "state"),
  };
  return { paths, engine: connectEngine({ kind: "unix", socketPath: "/nonexistent" }) };
}
