"use client";

import useSWR from "swr";
import type { ConnectionFacts } from "@/lib/connect/connection-facts";
import { fetchJson } from "@/lib/http/api-client";

const CONNECT_URL = "/api/connect";

/** The "Connect your app" facts, fetched once per page and shared by every panel and link on it. */
export function useConnectFacts() {
  return useSWR<ConnectionFacts>(CONNECT_URL, fetchJson, { revalidateOnFocus: false, shouldRetryOnError: false });
}
