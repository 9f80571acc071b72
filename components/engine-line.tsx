"use client";

import useSWR from "swr";
import { fetchJson } from "@/lib/http/api-client";
import type { EngineTargetResponse } from "@/lib/http/api-contract";

/**
 * Which Docker engine every page acts on; a remote one stands out, an unusable setting says why.
 * A long socket path or address breaks anywhere rather than widen a phone's page.
 */
export function EngineLine() {
  const { data, error } = useSWR<EngineTargetResponse>("/api/engine/target", fetchJson, { revalidateOnFocus: false });
  if (error)
    return (
      <p className="ml-auto min-w-0 break-all text-xs text-red-700 dark:text-red-400">
        Engine: {(error as Error).message}
      </p>
    );
  if (!data) return null;
  return (
    <p className="ml-auto min-w-0 break-all text-xs text-slate-500 dark:text-slate-400" data-testid="engine-line">
      Engine:{" "}
      <span className={data.remote ? "font-semibold text-amber-700 dark:text-amber-400" : undefined}>
        {data.engine}
      </span>
    </p>
  );
}
