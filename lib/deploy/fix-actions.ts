import { z } from "zod";
import { resolveConfigPath } from "../config/config-location";
import { editConfigFile } from "../config/config-service";
import { loadValidConfig } from "../config/load-valid-config";
import { dockerClient, withEngine } from "../docker/docker-client";
import { listProjectContainers } from "../docker/project-resources";
import { MyceliumError } from "../errors";
import { SERVICE_NAMES } from "../stack/stack-services";
import { jsonResponse, readJsonBody } from "../http/route-handler";
import { startDeploy } from "./deploy-session";
import { prepareDeployment } from "./prepare-deployment";

/**
 * The one-click fixes the diagnosis offers. Each is safe: none deletes data. "Wait and
 * re-check" needs no server action (the page waits, then re-runs the report).
 */
export const fixRequestSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("use-free-port") }),
  z.strictObject({ kind: z.literal("regenerate-dynamic-config") }),
  z.strictObject({ kind: z.literal("redeploy") }),
  z.strictObject({ kind: z.literal("restart-container"), service: z.enum(SERVICE_NAMES) }),
]);

export type FixRequest = z.output<typeof fixRequestSchema>;

export async function applyFix(fix: FixRequest): Promise<{ message: string; deployId: string | null }> {
  const configPath = resolveConfigPath();
  const docker = dockerClient();
  switch (fix.kind) {
    case "restart-container": {
      const config = await loadValidConfig(configPath);
      const container = (await listProjectContainers(docker, config.project_name)).find((c) => c.service === fix.service);
      if (!container) {
        throw new MyceliumError("not_found:container", `There is no ${fix.service} container to restart.`, { hint: "Deploy the stack first." });
      }
      await withEngine(() => docker.getContainer(container.id).restart({ t: 10 }));
      return { message: `Restarted ${container.name}.`, deployId: null };
    }
    case "use-free-port": {
      const config = await loadValidConfig(configPath);
      const { plan } = await prepareDeployment(docker, config);
      const edited = Object.keys(plan.portFixEdits).length > 0 ? await editConfigFile(configPath, plan.portFixEdits) : config;
      const session = await startDeploy(docker, edited);
      const moved = Object.entries(plan.portFixEdits).map(([field, port]) => `${field} → ${port}`);
      return { message: moved.length ? `Moved ${moved.join(", ")} and redeployed.` : "No port is taken any more; redeployed.", deployId: session.id };
    }
    case "regenerate-dynamic-config": {
      // Temporal read the file only at its start, so it starts afresh: a deploy that judged it by
      // its state might catch it "running" between two crashes and keep it.
      const session = await startDeploy(docker, await loadValidConfig(configPath), {
        temporal: "it failed to start without its dynamic-config file, which is written again",
        // A 1.30+ stack writes the file with its config job: it runs again first.
        "temporal-config": "it writes the dynamic-config file again",
      });
      return { message: "Writing the dynamic-config file again and starting Temporal afresh.", deployId: session.id };
    }
    case "redeploy": {
      // A deploy rewrites every generated file and restarts what is down.
      const session = await startDeploy(docker, await loadValidConfig(configPath));
      return { message: "Redeploying.", deployId: session.id };
    }
  }
}

export async function postFixResponse(request: Request): Promise<Response> {
  return jsonResponse(await applyFix(await readJsonBody(request, fixRequestSchema)), { status: 202 });
}
