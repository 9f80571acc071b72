import { z } from "zod";
import { diagnose } from "../diagnose/diagnose";
import type { Diagnosis } from "../diagnose/diagnosis-types";
import { jsonResponse } from "../http/route-handler";
import { MyceliumError } from "../errors";
import { listNamespaces, registerNamespace, type NamespaceSummary } from "../temporal/namespaces";
import { openTemporalConnection } from "../temporal/temporal-connection";
import { resolveValidationOptions } from "./validation-options";
import { readDeploymentSecrets } from "../deploy/deployment-files";
import { validateDeployment } from "./deployment-validator";
import { HISTORY_LIMIT, readValidationHistory, recordValidation, type ValidationHistoryEntry } from "./validation-history";
import type { ValidationReportJson } from "./validation-report";
import type { Project } from "../stack/project-context";

/** The health endpoints' logic, shared by the route files in app/api/validate and app/api/namespaces. */

export interface ValidateResponse {
  report: ValidationReportJson;
  /** Root cause first; each with what happened, why, commands and a safe fix when there is one. */
  diagnoses: Diagnosis[];
}

/** Run every check now, keep the run in the local history, and diagnose it. */
export async function runValidation(project: Project): Promise<ValidateResponse> {
  const report = await validateDeployment(project);
  await recordValidation(report);
  const json = report.toJSON();
  return { report: json, diagnoses: diagnose(json) };
}

export async function postValidateResponse(project: Project): Promise<Response> {
  return jsonResponse(await runValidation(project));
}

const historyQuery = z.object({ limit: z.coerce.number().int().min(1).max(HISTORY_LIMIT).default(HISTORY_LIMIT) });

export async function getHistoryResponse(request: Request): Promise<Response> {
  const parsed = historyQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) {
    throw new MyceliumError("bad_request:limit", `limit must be a whole number from 1 to ${HISTORY_LIMIT}.`, {
      hint: "For example /api/validate/history?limit=20.",
    });
  }
  const entries: ValidationHistoryEntry[] = await readValidationHistory({ limit: parsed.data.limit });
  return jsonResponse({ entries });
}

/** A Temporal connection to the configured frontend, closed after `run`. */
export async function withConfiguredTemporal<T>(
  { config, deploymentDir, engine }: Project,
  run: (connection: ReturnType<typeof openTemporalConnection>) => Promise<T>,
): Promise<T> {
  const options = resolveValidationOptions(config, await readDeploymentSecrets(deploymentDir), engine);
  const connection = openTemporalConnection(`${options.temporalHost}:${options.temporalPort}`);
  try {
    return await run(connection);
  } finally {
    await connection.close().catch(() => undefined);
  }
}

export async function getNamespacesResponse(project: Project): Promise<Response> {
  const namespaces: NamespaceSummary[] = await withConfiguredTemporal(project, (connection) => listNamespaces(connection));
  return jsonResponse({ namespaces });
}

export const registerNamespaceSchema = z.strictObject({
  name: z.string().regex(/^[a-zA-Z0-9][a-zA-Z0-9._-]{1,254}$/, "2–255 letters, digits, '.', '_' or '-'"),
  retentionHours: z.number().int().min(1, "at least 1 hour").max(24 * 365 * 10),
  description: z.string().max(1000).optional(),
});

export async function postNamespaceResponse(project: Project, input: z.output<typeof registerNamespaceSchema>): Promise<Response> {
  await withConfiguredTemporal(project, (connection) => registerNamespace(connection, input));
  return jsonResponse({ registered: input.name }, { status: 201 });
}
