import { z } from "zod";
import { MyceliumError } from "../../errors";
import type { Project } from "../../stack/project-context";
import { runValidation } from "../../validation/run-validation";
import { HISTORY_LIMIT, readValidationHistory } from "../../validation/validation-history";
import type { HistoryResponse, ValidateResponse } from "../api-contract";
import { jsonResponse } from "../route-handler";

/** The health endpoints, app/api/validate. */

export async function postValidateResponse(project: Project): Promise<Response> {
  return jsonResponse<ValidateResponse>(await runValidation(project));
}

const historyQuery = z.object({ limit: z.coerce.number().int().min(1).max(HISTORY_LIMIT).default(HISTORY_LIMIT) });

export async function getHistoryResponse(request: Request): Promise<Response> {
  const parsed = historyQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) {
    throw new MyceliumError("bad_request:limit", `limit must be a whole number from 1 to ${HISTORY_LIMIT}.`, {
      hint: "For example /api/validate/history?limit=20.",
    });
  }
  return jsonResponse<HistoryResponse>({ entries: await readValidationHistory({ limit: parsed.data.limit }) });
}
