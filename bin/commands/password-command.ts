import path from "node:path";
import { ENV_KEYS } from "../../lib/stack/stack-settings";
import type { DeployEvent } from "../../lib/deploy/deploy-events";
import { ENV_FILE, readDeploymentSecrets } from "../../lib/deploy/deployment-files";
import { formatDeployEvent } from "../../lib/deploy/format-deploy";
import { openProject, projectContext, type ProjectContext } from "../../lib/stack/project-context";
import { rotatePostgresPassword } from "../../lib/secrets/rotate-password";
import { confirm, parseOptions, UsageError } from "../cli-support";

export async function runPasswordCommand(args: string[], context: ProjectContext = projectContext()): Promise<number> {
  const [subcommand, ...rest] = args;
  switch (subcommand) {
    case "rotate":
      return passwordRotate(rest, context);
    default:
      throw new UsageError(
        subcommand ? `Unknown password command "${subcommand}".` : "password needs a command: rotate.",
      );
  }
}

async function passwordRotate(args: string[], context: ProjectContext): Promise<number> {
  const { values } = parseOptions(args, { yes: { type: "boolean", short: "y" }, show: { type: "boolean" } });
  // Printed once, to a person: never into a pipe or a log file by accident.
  if (values.show && !process.stdout.isTTY) {
    throw new UsageError(
      "--show prints the new password only to a terminal; without one, read it from the deployment's .env (mode 0600).",
    );
  }
  if (!values.yes && !process.stdin.isTTY) {
    throw new UsageError(
      "Not asking for confirmation without a terminal: pass --yes to change the password non-interactively.",
    );
  }
  const { config, engine, deploymentDir } = await openProject(context);
  const envPath = path.join(deploymentDir, ENV_FILE);
  if (!values.yes) {
    console.log(
      [
        `This gives the PostgreSQL role of ${config.project_name} a new generated password and saves it in ${envPath}.`,
        "Then the containers that use it (PostgreSQL and Temporal) " +
          "are recreated: Temporal is unavailable for a few seconds.",
        "Data is kept. Anything else that connects with the old password (your own tools) must use the new one.",
      ].join("\n"),
    );
    if (!(await confirm("Change the password?"))) {
      console.log("Nothing was changed.");
      return 1;
    }
  }

  const result = await rotatePostgresPassword(engine, config, { onStep: (message) => console.log(`▸ ${message}`) });
  console.log(`✓ The password was changed and saved in ${envPath}.`);
  let outcome: DeployEvent | null = null;
  if (result.session) {
    outcome = await new Promise<DeployEvent>((resolve) => {
      result.session!.subscribe((event) => {
        const line = formatDeployEvent(event);
        if (line) console.log(line);
        if (event.type === "failed" || event.type === "succeeded") resolve(event);
      });
    });
  } else {
    console.log(
      "  Another deploy started at the same moment; it applies " +
        "the new password. Follow it with `mycelium deploy status`.",
    );
  }
  if (values.show) {
    const password = (await readDeploymentSecrets(deploymentDir))?.[ENV_KEYS.password];
    if (password) console.log(`  New password (shown once, not stored anywhere else): ${password}`);
  }
  if (outcome?.type === "failed") {
    console.error(
      "✗ The new password is in effect and saved, but the containers " +
        "did not all come back: run `mycelium deploy start` to finish.",
    );
    return 1;
  }
  if (outcome) console.log("✓ Temporal is running with the new password.");
  return 0;
}
