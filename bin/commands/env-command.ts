import { loadConnectionFacts, writeStackProfile } from "../../lib/connect/stack-connection";
import { shellQuote, type ConnectionFacts } from "../../lib/connect/connection-facts";
import { PROFILE_NAME_PATTERN, PROFILE_NAME_RULE } from "../../lib/connect/profile-name";
import type { ProfileWrite } from "../../lib/connect/temporal-profile";
import { openProject, projectContext, type ProjectContext } from "../../lib/stack/project-context";
import { parseOptions, UsageError } from "../cli-support";

/**
 * The facts as a shell reads them: every human line is a `#` comment, so that
 * `eval "$(mycelium env)"` only runs the `export` lines.
 */
export function formatEnv(facts: ConnectionFacts, written: ProfileWrite | null): string {
  const lines = [`# Temporal of ${facts.project}, as this machine reaches it`];
  if (facts.temporal) {
    lines.push(`#   frontend     ${facts.temporal.address}`, `#   namespace    ${facts.temporal.namespace}`);
  } else {
    lines.push("#   Temporal is disabled in config");
  }
  lines.push(`#   Temporal UI  ${facts.ui.enabled ? facts.ui.workflowsUrl : facts.ui.reason}`);
  if (facts.postgres) lines.push(`#   PostgreSQL   ${facts.postgres.maskedUrl}`);
  if (written) {
    lines.push(`# Profile ${written.profile} ${written.outcome} in ${written.path}`);
  } else if (facts.temporal) {
    const where = facts.profile.path ?? "Temporal's config file";
    lines.push(`# \`mycelium env --profile ${facts.profile.name}\` writes a profile for it to ${where}`);
  }
  if (facts.exports) lines.push(facts.exports);
  if (written) lines.push(`export TEMPORAL_PROFILE=${shellQuote(written.profile)}`);
  return lines.join("\n");
}

/** `mycelium env [--profile NAME] [--json]`: how an app connects, and the profile that says it. */
export async function runEnvCommand(args: string[], context: ProjectContext = projectContext()): Promise<number> {
  const { values, positionals } = parseOptions(args, { profile: { type: "string" }, json: { type: "boolean" } });
  if (positionals.length > 0) throw new UsageError(`env takes no arguments, not "${positionals[0]}".`);
  if (values.profile !== undefined && !PROFILE_NAME_PATTERN.test(values.profile)) {
    throw new UsageError(`--profile: ${PROFILE_NAME_RULE}, not "${values.profile}".`);
  }
  const facts = await loadConnectionFacts(await openProject(context));
  const written = values.profile === undefined ? null : await writeStackProfile(facts, values.profile);
  if (values.json) {
    console.log(JSON.stringify({ ...facts, profileWrite: written }, null, 2));
  } else {
    console.log(formatEnv(facts, written));
  }
  return 0;
}
