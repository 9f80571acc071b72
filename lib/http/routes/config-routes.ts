import { z } from "zod";
import { MyceliumError } from "../../errors";
import { errorResponse, jsonResponse, readBodyBytes, readJsonBody } from "../route-handler";
import type { ProjectContext } from "../../stack/project-context";
import { applyConfigEdits } from "../../config/config-edits";
import { inspectConfigText, loadConfig, type ConfigInspection } from "../../config/config-service";
import type { ConfigCheckResponse, ConfigResponse } from "../api-contract";
import { configChangedError, writeStoredConfig } from "../../config/config-store";
import { renderDefaultConfigYaml } from "../../config/default-config";
import { decodeConfigBytes } from "../../config/parse-config";

/**
 * The config endpoints' logic, shared by the route files in app/api/config. Kept free of
 * Next.js so the same behaviour is what the API tests exercise.
 */

const YAML_MEDIA_TYPES = ["application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml", "text/plain"];

export const configUpdateSchema = z.union([
  z.strictObject({ text: z.string().max(1024 * 1024) }),
  z.strictObject({
    edits: z
      .record(z.string().max(200), z.union([z.string().max(10_000), z.number(), z.boolean(), z.null()]))
      .refine((edits) => Object.keys(edits).length > 0 && Object.keys(edits).length <= 50, "give 1–50 edits"),
  }),
]);

function inspectionBody(inspection: ConfigInspection): ConfigCheckResponse {
  return { valid: inspection.valid, config: inspection.config, findings: inspection.findings };
}

export async function getConfigResponse({ paths: { configPath } }: ProjectContext): Promise<Response> {
  const loaded = await loadConfig(configPath);
  return jsonResponse<ConfigResponse>(
    {
      path: configPath,
      exists: loaded.stored.exists,
      text: loaded.text,
      etag: loaded.stored.etag,
      ...inspectionBody(loaded),
    },
    { headers: { etag: loaded.stored.etag } },
  );
}

function requireIfMatch(request: Request): string {
  const etag = request.headers.get("if-match");
  if (!etag) {
    throw new MyceliumError("precondition_required:if_match", "Saving needs the ETag of the version you edited.", {
      hint:
        "Send it in the If-Match header (GET /api/config returns " +
        "it), so a newer file is never overwritten by accident.",
    });
  }
  return etag;
}

/** Save new text (or field edits applied to the current text), refusing invalid configs. */
export async function putConfigResponse(
  { paths: { configPath } }: ProjectContext,
  _input: undefined,
  request: Request,
): Promise<Response> {
  const expectedEtag = requireIfMatch(request);
  const update = await readJsonBody(request, configUpdateSchema);
  let text: string;
  if ("text" in update) {
    text = update.text;
  } else {
    const current = await loadConfig(configPath);
    if (current.stored.etag !== expectedEtag) {
      throw configChangedError();
    }
    // Edits on a missing file start from the commented defaults (the first-run setup).
    text = applyConfigEdits(current.stored.exists ? current.text : renderDefaultConfigYaml(), update.edits);
  }
  return saveIfValid(configPath, text, expectedEtag);
}

export async function saveIfValid(configPath: string, text: string, expectedEtag: string): Promise<Response> {
  const inspection = inspectConfigText(text);
  if (!inspection.valid) {
    const errors = inspection.findings.filter((f) => f.severity === "error");
    const refusal = new MyceliumError(
      "bad_request:config_invalid",
      `Not saved: the config has ${errors.length} error${errors.length === 1 ? "" : "s"}.`,
      {
        hint: errors[0] ? `${errors[0].message} ${errors[0].fix}` : undefined,
      },
    );
    return errorResponse(refusal, { findings: inspection.findings });
  }
  const { etag } = await writeStoredConfig(configPath, text, expectedEtag);
  return jsonResponse<ConfigResponse>(
    { path: configPath, exists: true, text, etag, ...inspectionBody(inspection) },
    { headers: { etag } },
  );
}

/** Validate a YAML text sent as the body (raw YAML, or JSON `{text}`) without saving it. */
export async function validateConfigResponse(request: Request): Promise<Response> {
  const isJson = (request.headers.get("content-type") ?? "").toLowerCase().startsWith("application/json");
  let text: string;
  if (isJson) {
    text = (await readJsonBody(request, z.strictObject({ text: z.string() }))).text;
  } else {
    const decoded = decodeConfigBytes(await readBodyBytes(request, { accept: YAML_MEDIA_TYPES }));
    if ("finding" in decoded)
      return jsonResponse<ConfigCheckResponse>({ valid: false, config: null, findings: [decoded.finding] });
    text = decoded.text;
  }
  return jsonResponse<ConfigCheckResponse>(inspectionBody(inspectConfigText(text)));
}

/** Replace the file with the commented defaults; the old file stays as `.previous`. */
export async function resetConfigResponse(
  { paths: { configPath } }: ProjectContext,
  _input: undefined,
  request: Request,
): Promise<Response> {
  return saveIfValid(configPath, renderDefaultConfigYaml(), requireIfMatch(request));
}
