import { jsonResponse } from "@/lib/http/route-handler";

/** Liveness of the dashboard itself (not of the stack): used by `mycelium serve` callers and tests. */
export function GET() {
  return jsonResponse({ status: "ok" });
}
