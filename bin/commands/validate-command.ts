import { writeFile } from "node:fs/promises";
import path from "node:path";
import type { Diagnosis } from "../../lib/diagnose/diagnosis-types";
import { fixCommand } from "../../lib/diagnose/fix-offers";
import { formatJunitReport } from "../../lib/validation/junit-report";
import { runValidation, type ValidationRun } from "../../lib/validation/run-validation";
import type { ValidationReportJson } from "../../lib/validation/validation-report";
import { ValidationReport } from "../../lib/validation/validation-report";
import { openProject, projectContext, type ProjectContext } from "../../lib/stack/project-context";
import { parseOptions, UsageError } from "../cli-support";

/** 0 healthy; 1 degraded (or unhealthy but able to proceed); 2 cannot proceed. */
export function validationExitCode(report: ValidationReportJson): number {
  if (report.healthy) return 0;
  return report.canProceed ? 1 : 2;
}

/** Beside a diagnosis: its fix, and the command that applies it. */
function fixLine(diagnosis: Diagnosis): string {
  return diagnosis.fix ? ` — fix: \`${fixCommand(diagnosis.id)}\`` : "";
}

/** The root cause in full, with the command that applies its fix; the other problems in a line each. */
export function formatDiagnoses(diagnoses: Diagnosis[]): string {
  const actionable = diagnoses.filter((d) => !d.harmless);
  if (actionable.length === 0) return "";
  const [root, ...others] = actionable;
  const lines = ["", `Root cause: ${root!.title}`, `  What happened: ${root!.whatHappened}`, `  Why: ${root!.why}`];
  if (root!.commands.length) lines.push("  Try:", ...root!.commands.map((command) => `    $ ${command}`));
  if (root!.fix) lines.push(`  Fix (${root!.id}): ${root!.fix.label}`, `    $ ${fixCommand(root!.id)}`);
  for (const other of others) lines.push(`Also: ${other.title}${fixLine(other)}`);
  return lines.join("\n");
}

/** The report and its diagnoses as the CLI prints them. */
export function formatValidation({ report, diagnoses }: ValidationRun): string {
  return ValidationReport.fromJSON(report).formatSummary() + formatDiagnoses(diagnoses);
}

export async function runValidateCommand(args: string[], context: ProjectContext = projectContext()): Promise<number> {
  const { values } = parseOptions(args, {
    json: { type: "boolean" },
    watch: { type: "boolean" },
    interval: { type: "string", default: "60" },
    junit: { type: "string" },
  });
  const intervalSeconds = Number(values.interval);
  if (!Number.isFinite(intervalSeconds) || intervalSeconds < 5)
    throw new UsageError("--interval must be at least 5 seconds.");

  for (;;) {
    // Opened on each run: a watched config may change between two.
    const { report, diagnoses } = await runValidation(await openProject(context));
    if (values.json) console.log(JSON.stringify({ report, diagnoses }, null, 2));
    else console.log(formatValidation({ report, diagnoses }));
    if (values.junit) await writeFile(path.resolve(values.junit), formatJunitReport(report));
    if (!values.watch) return validationExitCode(report);
    // The guide's monitor: report every interval, louder when the stack cannot proceed.
    if (!report.canProceed) console.error(`WARNING: ${new Date().toISOString()} the stack cannot proceed`);
    await new Promise((resolve) => setTimeout(resolve, intervalSeconds * 1000));
  }
}
