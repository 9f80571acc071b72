import type { ServiceStatus } from "@/lib/deploy/stack-status";
import type { ServiceTone } from "@/lib/stack/service-verdict";
import type { BadgeTone } from "@/components/ui";
import type { DownResponse } from "./deploy-types";

/**
 * The stack status panel's wording and colours, pure so the Done step can share them without
 * loading the panel (which the wizard loads on demand).
 */

export const HEALTH_BADGE: Record<ServiceStatus["health"], { tone: BadgeTone; label: string }> = {
  healthy: { tone: "green", label: "healthy" },
  starting: { tone: "blue", label: "starting" },
  unhealthy: { tone: "red", label: "unhealthy" },
  none: { tone: "slate", label: "no check" },
};

export const VERDICT_TONES: Record<ServiceTone, BadgeTone> = { ok: "green", busy: "blue", bad: "red" };

export function listOrNone(items: string[]): string {
  return items.length ? items.join(", ") : "none";
}

export function describeStopped(stopped: string[]): string {
  return stopped.length ? `Stopped ${listOrNone(stopped)}.` : "Nothing was running.";
}

/** What `down` removed, and which data volumes it kept. */
export function describeDown(result: DownResponse): string {
  const parts = [
    `Removed ${result.removedContainers.length} container${result.removedContainers.length === 1 ? "" : "s"}`,
  ];
  if (result.removedNetwork) parts.push("the network");
  if (result.removedVolumes.length) parts.push(`and the volumes ${listOrNone(result.removedVolumes)}`);
  let text = parts.join(", ") + ".";
  if (result.keptVolumes.length) text += ` Data kept in ${listOrNone(result.keptVolumes)}.`;
  return text;
}
