import { editConfigFile } from "../../lib/config/config-service";
import type { DeployEvent } from "../../lib/deploy/deploy-events";
import { startDeploy } from "../../lib/deploy/deploy-session";
import { formatDeployEvent, formatPlan, formatStackStatus } from "../../lib/deploy/format-deploy";
import { prepareDeployment } from "../../lib/deploy/prepare-deployment";
import { adoptExistingPostgres, reuseRequestSchema } from "../../lib/deploy/reuse-postgres";
import { downStack, stopStack } from "../../lib/deploy/stack-control";
import { readStackStatus } from "../../lib/deploy/stack-status";
import { openProject, projectContext, type ProjectContext } from "../../lib/stack/project-context";
import { confirm, parseOptions, readSecretInput, UsageError } from "../cli-support";

export async function runDeployCommand(args: string[], context: ProjectContext = projectContext()): Promise<number> {
  const [subcommand, ...rest] = args;
  switch (subcommand) {
    case "start":
      return deployStart(rest, context);
    case "status":
      return deployStatus(rest, context);
    case "stop":
      return deployStop(rest, context);
    case "down":
      return deployDown(rest, context);
    case "reuse-postgres":
      return deployReusePostgres(rest, context);
    default:
      throw new UsageError(
        subcommand
          ? `Unknown deploy command "${subcommand}".`
          : "deploy needs a command: start, status, stop, down or reuse-postgres.",
      );
  }
}

/** Rewrite the config's ports to the plan's free alternatives, keeping the user's comments. */
async function adoptFreePorts(configPath: string, edits: Record<string, number>): Promise<void> {
  await editConfigFile(configPath, edits);
  for (const [field, port] of Object.entries(edits)) console.log(`  ${field} → ${port} (config updated)`);
}

async function deployStart(args: string[], context: ProjectContext): Promise<number> {
  const { values } = parseOptions(args, {
    yes: { type: "boolean", short: "y" },
    "use-free-ports": { type: "boolean" },
  });
  const { engine, paths } = context;
  const { configPath } = paths;
  let { config } = await openProject(context);
  let prepared = await prepareDeployment(engine, config);
  console.log(formatPlan(prepared.plan, prepared.deploymentDir));

  if (prepared.plan.portConflicts.length > 0) {
    const resolvable = prepared.plan.portConflicts.every((c) => c.proposedPort !== null);
    if (
      !resolvable ||
      !(values["use-free-ports"] || (!values.yes && (await confirm("Use the free ports instead?", "--use-free-ports"))))
    ) {
      console.error("✗ Nothing was created: ports are taken. Rerun with --use-free-ports, or free the ports.");
      return 1;
    }
    await adoptFreePorts(configPath, prepared.plan.portFixEdits);
    ({ config } = await openProject(context));
    prepared = await prepareDeployment(engine, config);
  }
  if (prepared.plan.blockers.length > 0) {
    console.error("✗ Nothing was created: fix what the plan reports above, then deploy again.");
    return 1;
  }
  if (!values.yes && !(await confirm("Deploy?"))) {
    console.log("Nothing was changed.");
    return 1;
  }

  const session = await startDeploy(engine, config);
  const outcome = await new Promise<DeployEvent>((resolve) => {
    session.subscribe((event) => {
      const line = formatDeployEvent(event);
      if (line) console.log(line);
      if (event.type === "failed" || event.type === "succeeded") resolve(event);
    });
  });
  return outcome.type === "succeeded" ? 0 : 1;
}

async function deployStatus(args: string[], context: ProjectContext): Promise<number> {
  const { values } = parseOptions(args, { json: { type: "boolean" } });
  const { config, engine } = await openProject(context);
  const status = await readStackStatus(engine.docker, config.project_name);
  console.log(values.json ? JSON.stringify(status, null, 2) : formatStackStatus(status));
  const healthy = status.deployed && status.services.every((s) => s.state === "running" && s.health !== "unhealthy");
  return healthy ? 0 : 1;
}

async function deployStop(args: string[], context: ProjectContext): Promise<number> {
  parseOptions(args, {});
  const { config, engine, deploymentDir } = await openProject(context);
  const names = await stopStack(engine.docker, config.project_name, deploymentDir);
  console.log(
    names.length
      ? `✓ Stopped: ${names.join(", ")} (data kept; \`mycelium deploy start\` starts them again)`
      : "Nothing was running.",
  );
  return 0;
}

async function deployDown(args: string[], context: ProjectContext): Promise<number> {
  const { values } = parseOptions(args, { "remove-data": { type: "string" } });
  const { config, engine, deploymentDir } = await openProject(context);
  const result = await downStack(engine.docker, config.project_name, values["remove-data"] ?? null, deploymentDir);
  console.log(
    `✓ Removed containers: ${result.removedContainers.join(", ") || "none"}; ` +
      `network: ${result.removedNetwork ? "removed" : "none"}`,
  );
  if (result.removedVolumes.length) console.log(`✓ Removed data volumes: ${result.removedVolumes.join(", ")}`);
  if (result.keptVolumes.length) {
    console.log(
      `  Kept data volumes: ${result.keptVolumes.join(", ")} (remove with --remove-data ${config.project_name})`,
    );
  }
  return 0;
}

async function deployReusePostgres(args: string[], context: ProjectContext): Promise<number> {
  const { values } = parseOptions(args, { user: { type: "string" } });
  if (!values.user)
    throw new UsageError(
      "reuse-postgres needs --user <name>; the password is read from MYCELIUM_POSTGRES_PASSWORD or stdin.",
    );
  const request = reuseRequestSchema.safeParse({
    user: values.user,
    password: await readSecretInput("MYCELIUM_POSTGRES_PASSWORD", `Password of PostgreSQL user ${values.user}: `),
  });
  if (!request.success) throw new UsageError(request.error.issues.map((issue) => issue.message).join("; "));
  const report = await adoptExistingPostgres(context, request.data);
  console.log(
    `✓ PostgreSQL ${report.version} on port ${report.port} accepts ` +
      `${values.user}, also from containers (${report.dockerHostAddress}).`,
  );
  for (const warning of report.warnings) console.log(`  ⚠ ${warning}`);
  console.log("  Password kept in the deployment's .env (0600); config set to reuse_existing: true.");
  console.log("  Next: mycelium deploy start");
  return 0;
}
