import { writeFile } from "node:fs/promises";
import path from "node:path";
import { projectContext, type ProjectContext } from "../../lib/stack/project-context";
import { createSupportBundle } from "../../lib/support/support-bundle";
import { parseOptions } from "../cli-support";

export async function runSupportBundleCommand(
  args: string[],
  context: ProjectContext = projectContext(),
): Promise<number> {
  const { values } = parseOptions(args, { out: { type: "string", default: "." } });
  const bundle = await createSupportBundle(context);
  const file = path.resolve(values.out, bundle.fileName);
  await writeFile(file, bundle.archive, { mode: 0o600 });
  console.log(
    `✓ Wrote ${file} (${Math.ceil(bundle.archive.length / 1024)} ` +
      `KiB). Secrets are redacted; attach it to your bug report.`,
  );
  return 0;
}
