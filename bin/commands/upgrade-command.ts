import { readStackStatus } from "../../lib/deploy/stack-status";
import { openProject, projectContext, type ProjectContext } from "../../lib/stack/project-context";
import { formatUpgradeEvent, formatUpgradeHistory, formatUpgradePlan } from "../../lib/upgrade/format-upgrade";
import { deployedTemporalVersion, planUpgrade } from "../../lib/upgrade/plan-upgrade";
import { runUpgrade } from "../../lib/upgrade/run-upgrade";
import { upgradeDependencies } from "../../lib/upgrade/upgrade-dependencies";
import { readUpgradeHistory } from "../../lib/upgrade/upgrade-history";
import { confirm, parseOptions, UsageError } from "../cli-support";

/**
 * `upgrade --to VERSION`: the plan, a question (or --yes), then the steps with their progress;
 * exit 0 upgraded, 1 a step failed (the stack is back on the last good one) or declined, 2 refused.
 * `upgrade --status`: the project's upgrades, newest first.
 */
export async function runUpgradeCommand(args: string[], context: ProjectContext = projectContext()): Promise<number> {
  const { values, positionals } = parseOptions(args, {
    to: { type: "string" },
    yes: { type: "boolean", short: "y" },
    json: { type: "boolean" },
    status: { type: "boolean" },
    "reused-postgres-confirmed": { type: "boolean" },
  });
  if (positionals.length) throw new UsageError(`Unexpected argument "${positionals[0]}".`);
  const { config, engine, paths } = await openProject(context);
  if (values.status) {
    if (values.to) throw new UsageError("Use either --status or --to VERSION.");
    const history = await readUpgradeHistory(config.project_name, paths.stateDirectory);
    console.log(values.json ? JSON.stringify(history, null, 2) : formatUpgradeHistory(config.project_name, history));
    return 0;
  }
  if (!values.to) throw new UsageError("upgrade needs --to VERSION (the plan) or --status (the history).");

  deployedTemporalVersion(config, (await readStackStatus(engine.docker, config.project_name)).services);
  const plan = planUpgrade(config, values.to);
  if (values.json && !values.yes) {
    console.log(JSON.stringify(plan, null, 2));
    return 0;
  }
  if (!values.json) console.log(formatUpgradePlan(plan));
  if (!values.yes && !(await confirm(`Upgrade ${plan.project} to Temporal ${plan.to}?`))) {
    console.log("Nothing was changed.");
    return 1;
  }
  const record = await runUpgrade(
    {
      config,
      to: values.to,
      reusedPostgresConfirmed: values["reused-postgres-confirmed"] ?? false,
      emit: (event) => {
        const line = values.json ? null : formatUpgradeEvent(event);
        if (line) console.log(line);
      },
    },
    upgradeDependencies(context),
  );
  if (values.json) console.log(JSON.stringify(record, null, 2));
  return record.state === "succeeded" ? 0 : 1;
}
