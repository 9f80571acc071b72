import { ApiError, apiFetch } from "@/lib/http/api-client";
import type { LogPageResponse } from "@/lib/http/api-contract";
import type { LogLine } from "@/lib/logs/log-line";

const PAGE_LIMIT = 500;

/**
 * One page of lines older than those held, for each service: from its oldest line held, or
 * from the oldest of all for a service with none. `failure` says why a page is missing.
 */
export async function fetchOlderLines(
  oldestByService: ReadonlyMap<string, string>,
  services: readonly string[],
): Promise<{ lines: LogLine[]; failure: string | null }> {
  const fallback = [...oldestByService.values()].sort()[0] ?? new Date().toISOString();
  let failure: string | null = null;
  const pages = await Promise.all(
    services.map(async (service) => {
      const params = new URLSearchParams({
        service,
        before: oldestByService.get(service) ?? fallback,
        limit: String(PAGE_LIMIT),
      });
      try {
        return (await apiFetch<LogPageResponse>(`/api/logs/page?${params}`)).data.lines;
      } catch (error) {
        // A service without a container has nothing older to give.
        if (!(error instanceof ApiError && error.status === 404))
          failure = error instanceof ApiError ? error.body.message : "Could not load older lines.";
        return [];
      }
    }),
  );
  return { lines: pages.flat(), failure };
}
