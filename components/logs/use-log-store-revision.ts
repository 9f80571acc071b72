"use client";

import { useSyncExternalStore } from "react";
import type { LogStore } from "@/lib/logs/log-store";

/** Render again whenever the store's lines change; the revision serves as an effect dependency. */
export function useLogStoreRevision(store: LogStore): number {
  return useSyncExternalStore(store.subscribe, store.getRevision, store.getRevision);
}
