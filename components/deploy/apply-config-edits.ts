import type { ConfigEdits } from "@/lib/config/config-edits";
import { apiFetch } from "@/lib/http/api-client";
import { CONFIG_URL, type ConfigResponse } from "./deploy-types";

/**
 * Apply config edits the way the config editor saves: read the current ETag, then PUT the
 * field edits with If-Match, so a file changed meanwhile is never overwritten.
 */
export async function applyConfigEdits(edits: ConfigEdits): Promise<ConfigResponse> {
  const { data: current } = await apiFetch<ConfigResponse>(CONFIG_URL);
  const { data: saved } = await apiFetch<ConfigResponse>(CONFIG_URL, {
    method: "PUT",
    headers: { "content-type": "application/json", "if-match": current.etag },
    body: JSON.stringify({ edits }),
  });
  return saved;
}
