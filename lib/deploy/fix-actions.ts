import { z } from "zod";
import { editConfigFile } from "../config/config-service";
import { withEngine } from "../docker/docker-client";
import { openProject, type ProjectContext } from "../stack/project-context";
import { listProjectContainers } from "../docker/project-resources";
import type { Fix } from "../diagnose/diagnosis-types";
import { fixRequestBody } from "../diagnose/fix-offers";
import { MyceliumError } from "../errors";
import { SERVICE_NAMES } from "../stack/stack-services";
import { latestDeploy, startDeploy, type DeploySession } from "./deploy-session";
import { prepareDeployment } from "./prepare-deployment";

/**
 * The one-click fixes the diagnosis offers. Each is safe: none deletes data. "Wait and
 * re-check" changes nothing (the fix session waits, then runs the report again).
 */
export const fixRequestSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("wait-and-recheck") }),
  z.strictObject({ kind: z.literal("use-free-port") }),
  z.strictObject({ kind: z.literal("regenerate-dynamic-config") }),
  z.strictObject({ kind: z.literal("redeploy") }),
  z.strictObject({ kind: z.literal("restart-container"), service: z.enum(SERVICE_NAMES) }),
]);

export type FixRequest = z.output<typeof fixRequestSchema>;
/** A fix that acts on the stack (every kind but "wait and re-check"). */
export type ChangingFixRequest = Exclude<FixRequest, { kind: "wait-and-recheck" }>;

/** The request for a diagnosis' fix (what the page posts, what the CLI applies). */
export function fixRequestOf(fix: Fix): FixRequest {
  return fixRequestSchema.parse(fixRequestBody(fix));
}

/** What a fix did, and the deploy it started (or found running) when it deploys. */
export interface AppliedFix {
  message: string;
  deploy: DeploySession | null;
}

export async function applyFix(context: ProjectContext, fix: ChangingFixRequest): Promise<AppliedFix> {
  try {
    return await actOn(context, fix);
  } catch (error) {
    // A deploy of this project already runs: a fix that would deploy follows that one instead.
    if (!(
      error instanceof MyceliumError &&
      error.code === "conflict:deploy_running" &&
      fix.kind !== "restart-container"
    ))
      throw error;
    const running = latestDeploy((await openProject(context)).config.project_name);
    return {
      message: "A deploy is already running; following it.",
      deploy: running?.state === "running" ? running : null,
    };
  }
}

async function actOn(context: ProjectContext, fix: ChangingFixRequest): Promise<AppliedFix> {
  const { engine, paths } = context;
  const { docker } = engine;
  // Each fix reads the config afresh: an earlier fix may have just edited it.
  const { config } = await openProject(context);
  switch (fix.kind) {
    case "restart-container": {
      const container = (await listProjectContainers(docker, config.project_name)).find(
        (c) => c.service === fix.service,
      );
      if (!container) {
        throw new MyceliumError("not_found:container", `There is no ${fix.service} container to restart.`, {
          hint: "Deploy the stack first.",
        });
      }
      await withEngine(() => docker.getContainer(container.id).restart({ t: 10 }));
      return { message: `Restarted ${container.name}.`, deploy: null };
    }
    case "use-free-port": {
      const { plan } = await prepareDeployment(engine, config);
      const edited =
        Object.keys(plan.portFixEdits).length > 0 ? await editConfigFile(paths.configPath, plan.portFixEdits) : config;
      const session = await startDeploy(engine, edited);
      const moved = Object.entries(plan.portFixEdits).map(([field, port]) => `${field} → ${port}`);
      return {
        message: moved.length
          ? `Moved ${moved.join(", ")} and redeploying.`
          : "No port is taken any more; redeploying.",
        deploy: session,
      };
    }
    case "regenerate-dynamic-config": {
      // Temporal read the file only at its start, so it starts afresh: a deploy that judged it by
      // its state might catch it "running" between two crashes and keep it.
      const session = await startDeploy(engine, config, {
        temporal: "it failed to start without its dynamic-config file, which is written again",
        // A 1.30+ stack writes the file with its config job: it runs again first.
        "temporal-config": "it writes the dynamic-config file again",
      });
      return { message: "Writing the dynamic-config file again and starting Temporal afresh.", deploy: session };
    }
    case "redeploy": {
      // A deploy rewrites every generated file and restarts what is down.
      const session = await startDeploy(engine, config);
      return { message: "Redeploying.", deploy: session };
    }
  }
}
