import { listNamespaces, registerNamespace } from "../../lib/temporal/namespaces";
import { withConfiguredTemporal } from "../../lib/temporal/configured-temporal";
import { openProject, projectContext, type ProjectContext } from "../../lib/stack/project-context";
import { parseOptions, UsageError } from "../cli-support";

export async function runNamespaceCommand(args: string[], context: ProjectContext = projectContext()): Promise<number> {
  const [subcommand, ...rest] = args;
  if (subcommand === "list") {
    const { values } = parseOptions(rest, { json: { type: "boolean" } });
    const namespaces = await withConfiguredTemporal(await openProject(context), (connection) =>
      listNamespaces(connection),
    );
    if (values.json) {
      console.log(JSON.stringify(namespaces, null, 2));
    } else {
      for (const ns of namespaces) {
        console.log(
          `${ns.name.padEnd(32)} ${ns.state.padEnd(11)} retention ` +
            `${ns.retentionHours === null ? "-" : `${ns.retentionHours} h`}`,
        );
      }
    }
    return 0;
  }
  if (subcommand === "register") {
    const { values, positionals } = parseOptions(rest, {
      retention: { type: "string", default: "72" },
      description: { type: "string" },
    });
    const name = positionals[0];
    if (!name)
      throw new UsageError("namespace register needs a name: mycelium namespace register <name> [--retention HOURS]");
    const retentionHours = Number(values.retention);
    if (!Number.isInteger(retentionHours) || retentionHours < 1)
      throw new UsageError("--retention is in whole hours, at least 1.");
    await withConfiguredTemporal(await openProject(context), (connection) =>
      registerNamespace(connection, { name, retentionHours, description: values.description }),
    );
    console.log(`✓ Registered namespace ${name} (retention ${retentionHours} h)`);
    return 0;
  }
  throw new UsageError(
    subcommand ? `Unknown namespace command "${subcommand}".` : "namespace needs a command: list or register.",
  );
}
