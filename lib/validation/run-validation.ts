import { diagnose } from "../diagnose/diagnose";
import type { Diagnosis } from "../diagnose/diagnosis-types";
import type { Project } from "../stack/project-context";
import { validateDeployment } from "./deployment-validator";
import { recordValidation } from "./validation-history";
import type { ValidationReportJson } from "./validation-report";

/** A health run as the dashboard, `mycelium validate` and the fix flow see it. */
export interface ValidationRun {
  report: ValidationReportJson;
  /** Root cause first; each with what happened, why, commands and a safe fix when there is one. */
  diagnoses: Diagnosis[];
}

/** Run every check now, keep the run in the local history, and diagnose it. */
export async function runValidation(project: Project): Promise<ValidationRun> {
  const report = await validateDeployment(project);
  await recordValidation(report);
  const json = report.toJSON();
  return { report: json, diagnoses: diagnose(json) };
}
