import { createInterface } from "node:readline/promises";
import { projectBackupsDirectory } from "../../lib/backup/backup-paths";
import { createBackup } from "../../lib/backup/create-backup";
import { formatBackupCreated, formatBackupList, formatRestored } from "../../lib/backup/format-backup";
import { listBackups, summarizeBackup } from "../../lib/backup/list-backups";
import { restoreBackup } from "../../lib/backup/restore-backup";
import { openProject, projectContext, type ProjectContext } from "../../lib/stack/project-context";
import { parseOptions, UsageError } from "../cli-support";

export async function runBackupCommand(args: string[], context: ProjectContext = projectContext()): Promise<number> {
  const [subcommand, ...rest] = args;
  switch (subcommand) {
    case "create":
      return backupCreate(rest, context);
    case "list":
      return backupList(rest, context);
    case "restore":
      return backupRestore(rest, context);
    default:
      throw new UsageError(
        subcommand ? `Unknown backup command "${subcommand}".` : "backup needs a command: create, list or restore.",
      );
  }
}

const progress = (message: string) => console.log(`▸ ${message}`);

async function backupCreate(args: string[], context: ProjectContext): Promise<number> {
  const { values } = parseOptions(args, { json: { type: "boolean" } });
  const { config, engine } = await openProject(context);
  const { manifest, directory } = await createBackup(engine.docker, config, {
    onStep: values.json ? undefined : progress,
  });
  const summary = summarizeBackup(manifest);
  console.log(values.json ? JSON.stringify(summary, null, 2) : formatBackupCreated(summary, directory));
  return 0;
}

async function backupList(args: string[], context: ProjectContext): Promise<number> {
  const { values } = parseOptions(args, { json: { type: "boolean" } });
  const { config } = await openProject(context);
  const backups = await listBackups(config.project_name);
  const directory = projectBackupsDirectory(config.project_name);
  console.log(
    values.json
      ? JSON.stringify({ project: config.project_name, directory, backups }, null, 2)
      : formatBackupList(config.project_name, directory, backups),
  );
  return 0;
}

/** Ask for the project name on a terminal; refuse to guess without one. */
async function askForProjectName(project: string): Promise<string> {
  if (!process.stdin.isTTY) {
    throw new UsageError(
      `A restore replaces the current data: pass --confirm ${project} to confirm it without a terminal.`,
    );
  }
  const prompt = createInterface({ input: process.stdin, output: process.stdout });
  try {
    console.log(
      `This replaces the current data of ${project} with the backup; Temporal and its UI stop while it runs.`,
    );
    return (await prompt.question(`Type the project name (${project}) to confirm: `)).trim();
  } finally {
    prompt.close();
  }
}

async function backupRestore(args: string[], context: ProjectContext): Promise<number> {
  const { values, positionals } = parseOptions(args, {
    confirm: { type: "string" },
    "no-safety-backup": { type: "boolean" },
    json: { type: "boolean" },
  });
  const [id, ...extra] = positionals;
  if (!id || extra.length)
    throw new UsageError(
      "backup restore needs one backup id: `mycelium backup restore " +
        "<id> --confirm <project>` (`mycelium backup list` shows the ids).",
    );
  const { config, engine } = await openProject(context);
  const confirmation = values.confirm ?? (await askForProjectName(config.project_name));
  const result = await restoreBackup(engine.docker, config, {
    id,
    confirmation,
    safetyBackup: !values["no-safety-backup"],
    onStep: values.json ? undefined : progress,
  });
  console.log(values.json ? JSON.stringify(result, null, 2) : formatRestored(result));
  return 0;
}
