import { fixOffers, FIX_EFFECT, fixCommand, type FixOffer } from "../../lib/diagnose/fix-offers";
import { fixRequestOf } from "../../lib/deploy/fix-actions";
import type { FixOutcome, StampedFixEvent } from "../../lib/deploy/fix-flow";
import { startFix } from "../../lib/deploy/fix-session";
import { runValidation } from "../../lib/validation/run-validation";
import { openProject, projectContext, type ProjectContext } from "../../lib/stack/project-context";
import { confirm, parseOptions, UsageError } from "../cli-support";
import { formatValidation, validationExitCode } from "./validate-command";

const TONE_SYMBOL: Record<FixOutcome["tone"], string> = { success: "✓", warning: "⚠", error: "✗" };

/** A fix's progress as a line on the terminal; null for steps shown otherwise. */
function formatFixEvent(event: StampedFixEvent): string | null {
  switch (event.type) {
    case "applying":
    case "checked":
      return null;
    case "deploying":
      return event.step ?? `▸ ${event.message}`;
    case "waiting":
      return `… ${event.message} (${Math.round(event.ms / 1000)} s)`;
    case "checking":
      return `▸ Running the report again${event.attempt > 1 ? ` (check ${event.attempt})` : ""}…`;
    case "done":
      return [`${TONE_SYMBOL[event.tone]} ${event.message}`, ...(event.hint ? [`  ${event.hint}`] : [])].join("\n");
  }
}

function formatOffers(offers: FixOffer[]): string {
  const width = Math.max(...offers.map((offer) => offer.id.length));
  const lines = offers.flatMap(({ id, fix }) => [
    `  ${id.padEnd(width)}  ${fix.label}`,
    `  ${" ".repeat(width)}  ${FIX_EFFECT[fix.kind]}`,
  ]);
  return [`Fixes the health report offers (apply one with \`${fixCommand("<id>")}\`):`, ...lines].join("\n");
}

/**
 * `mycelium fix` lists the fixes the current report offers; `mycelium fix ID` applies one,
 * follows it, runs the report again and exits as `mycelium validate` does.
 */
export async function runFixCommand(args: string[], context: ProjectContext = projectContext()): Promise<number> {
  const { values, positionals } = parseOptions(args, { yes: { type: "boolean", short: "y" } });
  if (positionals.length > 1)
    throw new UsageError(`fix takes one fix id: \`${fixCommand("<id>")}\` (\`mycelium fix\` lists them).`);
  const [id] = positionals;
  const current = await runValidation(await openProject(context));
  const offers = fixOffers(current.diagnoses);
  if (id === undefined) {
    if (offers.length > 0) console.log(formatOffers(offers));
    else if (current.report.healthy) console.log("No fix to offer: every check passes.");
    else
      console.log(
        "No fix to offer: none of the problems the health report " +
          "finds has a one-step fix (`mycelium validate` shows them).",
      );
    return 0;
  }
  const offer = offers.find((candidate) => candidate.id === id);
  if (!offer) {
    const onOffer =
      offers.length > 0
        ? `the report offers ${offers.map((candidate) => candidate.id).join(", ")}`
        : "the report offers none";
    throw new UsageError(`There is no fix "${id}" on offer: ${onOffer}.`);
  }
  if (!values.yes && !(await confirm(`${offer.fix.label}?`))) {
    console.log("Nothing was changed.");
    return validationExitCode(current.report);
  }

  console.log(`▸ ${offer.fix.label}`);
  const session = await startFix(context, fixRequestOf(offer.fix));
  const outcome = await new Promise<FixOutcome>((resolve) => {
    session.subscribe((event) => {
      const line = formatFixEvent(event);
      if (line) console.log(line);
      if (event.type === "done") resolve(event);
    });
  });
  if (!outcome.result) return 2;
  console.log(`\n${formatValidation(outcome.result)}`);
  return validationExitCode(outcome.result.report);
}
