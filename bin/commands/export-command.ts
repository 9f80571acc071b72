import path from "node:path";
import { exportHelm, HELM_PASSWORD_VARIABLE } from "../../lib/export/helm-export";
import { HELM_EXPORT_FILES } from "../../lib/export/helm-values";
import { writeFileAtomic } from "../../lib/fs/atomic-write";
import { openProject, projectContext, type ProjectContext } from "../../lib/stack/project-context";
import { parseOptions, parsePort, UsageError } from "../cli-support";

/**
 * `mycelium export helm [--out DIR] [--postgres-host H] [--postgres-port P] [--postgres-user U]`:
 * values.yaml, NOTES.txt and, when the password is known, the Secret manifest (0600). The
 * password is never printed.
 */
export async function runExportCommand(args: string[], context: ProjectContext = projectContext()): Promise<number> {
  const { values, positionals } = parseOptions(args, {
    out: { type: "string" },
    "postgres-host": { type: "string" },
    "postgres-port": { type: "string" },
    "postgres-user": { type: "string" },
  });
  const [target, ...extra] = positionals;
  if (target !== "helm")
    throw new UsageError(
      target === undefined
        ? "export needs a target: helm."
        : `Unknown export target "${target}": helm is the one there is.`,
    );
  if (extra.length > 0) throw new UsageError(`export helm takes no further arguments, not "${extra[0]}".`);
  const port = values["postgres-port"] === undefined ? null : parsePort(values["postgres-port"], "--postgres-port");

  const result = await exportHelm(
    await openProject(context),
    { host: values["postgres-host"] ?? null, port, user: values["postgres-user"] ?? null },
    { withPassword: true },
  );
  const directory = path.resolve(values.out ?? `${result.secret.namespace}-helm`);
  const written = [path.join(directory, HELM_EXPORT_FILES.values), path.join(directory, HELM_EXPORT_FILES.notes)];
  await writeFileAtomic(written[0]!, result.valuesYaml, { mode: 0o644 });
  await writeFileAtomic(written[1]!, result.notes, { mode: 0o644 });
  if (result.secret.manifest !== null) {
    const secretFile = path.join(directory, HELM_EXPORT_FILES.secret);
    await writeFileAtomic(secretFile, result.secret.manifest, { mode: 0o600 });
    written.push(`${secretFile} (mode 0600: it holds the password)`);
  }
  console.log(["✓ Wrote:", ...written].join("\n  "));
  if (result.secret.manifest === null) {
    console.log(
      `  No Secret manifest: set ${HELM_PASSWORD_VARIABLE} to the ` +
        `database password to have one written, or create it as NOTES says.`,
    );
  }
  console.log(`\n${result.notes}`);
  return 0;
}
