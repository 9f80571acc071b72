import { z } from "zod";
import { MyceliumError } from "../../errors";
import type { Project } from "../../stack/project-context";
import { runValidation } from "../../validation/run-validation";
import { HISTORY_LIMIT, readValidationHistory, type ValidationHistoryEntry } from "../../validation/validation-history";
import { jsonResponse } from "../route-handler";

/** The health endpoints, app/api/validate. */

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
