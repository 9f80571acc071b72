import type { ApiErrorBody } from "@/lib/http/api-client";
import { CHECK_IDS } from "@/lib/validation/check-ids";
import type { Diagnosis, Fix } from "@/lib/diagnose/diagnosis-types";
import type { CheckResult, CheckStatus } from "@/lib/validation/validation-check";
import type { ValidationHistoryEntry } from "@/lib/validation/validation-history";
import type { OverallStatus, ValidationReportJson } from "@/lib/validation/validation-report";

/**
 * The health page's URLs and pure helpers; what the API answers is its contract's
 * (lib/http/api-contract.ts). From lib only types and pure helpers: nothing server-side reaches the bundle.
 */

export const VALIDATE_URL = "/api/validate";
/** The API's own maximum: asking for all keeps the newest runs whatever order the API sends. */
export const HISTORY_URL = "/api/validate/history?limit=100";
export const NAMESPACES_URL = "/api/namespaces";
export const FIXES_URL = "/api/fixes";
export const FIX_EVENTS_URL = "/api/fixes/events";

export type { HistoryResponse, ValidateResponse } from "@/lib/http/api-contract";

export type { CheckResult, CheckStatus, Diagnosis, Fix, OverallStatus, ValidationHistoryEntry, ValidationReportJson };

/** The checks whose row offers the Temporal UI: the namespace's and the UI's own. */
const UI_LINK_CHECKS: ReadonlySet<string> = new Set([
  CHECK_IDS.temporalNamespace,
  CHECK_IDS.integrationNamespace,
  CHECK_IDS.uiPort,
  CHECK_IDS.uiHealthz,
  CHECK_IDS.uiClusterInfo,
]);

export function offersUiLink(check: CheckResult): boolean {
  return UI_LINK_CHECKS.has(check.id);
}

/** The report found the UI down: one of its checks failed. */
export function uiIsDown(checks: readonly CheckResult[]): boolean {
  return checks.some((c) => c.component === "ui" && c.status === "fail");
}

// --- checks, grouped ----------------------------------------------------------------

export type GroupId = "postgres" | "temporal" | "ui" | "integration" | "redis" | "containers";

export const GROUPS: readonly { id: GroupId; label: string }[] = [
  { id: "postgres", label: "PostgreSQL" },
  { id: "temporal", label: "Temporal" },
  { id: "ui", label: "Temporal UI" },
  { id: "integration", label: "Integration" },
  { id: "redis", label: "Redis" },
  { id: "containers", label: "Containers" },
];

/** Container checks (`container.<service>`) form their own group; the rest go by component. */
export function groupOf(check: CheckResult): GroupId {
  return check.category === "container" ? "containers" : check.component;
}

export interface CheckGroup {
  id: GroupId;
  label: string;
  checks: CheckResult[];
  status: CheckStatus;
}

const SEVERITY: Record<CheckStatus, number> = { pass: 0, skip: 1, warn: 2, fail: 3 };

/** The group's status: its worst check (a skip counts below a warning). */
export function worstStatus(statuses: readonly CheckStatus[]): CheckStatus {
  return statuses.reduce<CheckStatus>((worst, s) => (SEVERITY[s] > SEVERITY[worst] ? s : worst), "pass");
}

export function groupChecks(checks: readonly CheckResult[]): CheckGroup[] {
  return GROUPS.map(({ id, label }) => {
    const inGroup = checks.filter((c) => groupOf(c) === id);
    return { id, label, checks: inGroup, status: worstStatus(inGroup.map((c) => c.status)) };
  }).filter((group) => group.checks.length > 0);
}

export const STATUS_ICON: Record<CheckStatus, { icon: string; label: string; className: string }> = {
  pass: { icon: "✓", label: "passed", className: "text-emerald-700 dark:text-emerald-400" },
  warn: { icon: "⚠", label: "warning", className: "text-amber-700 dark:text-amber-400" },
  fail: { icon: "✗", label: "failed", className: "text-red-700 dark:text-red-400" },
  skip: { icon: "–", label: "skipped", className: "text-slate-500 dark:text-slate-400" },
};

export const OVERALL: Record<OverallStatus, { icon: string; label: string; tone: "success" | "warning" | "error" }> = {
  healthy: { icon: "✓", label: "Healthy", tone: "success" },
  degraded: { icon: "⚠", label: "Degraded", tone: "warning" },
  unhealthy: { icon: "✗", label: "Unhealthy", tone: "error" },
};

/** A skipped check's message always says why, starting with "skipped:". */
export function skipMessage(check: CheckResult): string {
  return /^skipped\b/i.test(check.message) ? check.message : `skipped: ${check.message}`;
}

/** Check durations are short: milliseconds below a second. */
export function formatMs(ms: number): string {
  if (ms < 1) return "<1 ms";
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(1)} s`;
}

/** An element id for a check row (ids of diagnoses are used as anchors as they are). */
export function checkAnchor(id: string): string {
  return `check-${id.replace(/[^a-zA-Z0-9_-]/g, "-")}`;
}

// --- diagnoses ----------------------------------------------------------------------

export { rootDiagnosis } from "@/lib/diagnose/root-diagnosis";

/** The Docker engine did not answer: container checks were skipped for it. */
export function dockerProblem(report: ValidationReportJson): string | null {
  const skipped = report.checks.find(
    (c) => c.category === "container" && c.status === "skip" && /Docker engine did not answer/i.test(c.message),
  );
  if (!skipped) return null;
  const reason = /\((.*)\)\s*$/.exec(skipped.message)?.[1];
  return reason ?? "The Docker engine did not answer.";
}

// --- history ------------------------------------------------------------------------

/** Newest first, only the given project's runs (the history file is shared by projects), at most `limit`. */
export function recentRuns(
  entries: readonly ValidationHistoryEntry[],
  project: string | null,
  limit: number,
): ValidationHistoryEntry[] {
  return entries
    .filter((e) => project === null || e.project === project)
    .toSorted((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0))
    .slice(0, limit);
}

export const OVERALL_TICK: Record<OverallStatus, string> = {
  healthy: "bg-emerald-500 dark:bg-emerald-500",
  degraded: "bg-amber-500 dark:bg-amber-400",
  unhealthy: "bg-red-600 dark:bg-red-500",
};

export function formatTime(iso: string): string {
  const date = new Date(iso);
  return date.toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit", second: "2-digit" });
}

export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  const today = new Date();
  const sameDay = date.toDateString() === today.toDateString();
  return sameDay
    ? formatTime(iso)
    : date.toLocaleString(undefined, {
        month: "short",
        day: "numeric",
        hour: "2-digit",
        minute: "2-digit",
        second: "2-digit",
      });
}

// --- monitoring ---------------------------------------------------------------------

export const MONITOR_KEY = "mycelium.health.monitor";
export const MONITOR_INTERVALS = [
  { seconds: 15, label: "15 s" },
  { seconds: 30, label: "30 s" },
  { seconds: 60, label: "60 s" },
  { seconds: 300, label: "5 min" },
] as const;

export interface MonitorSettings {
  enabled: boolean;
  /** One of MONITOR_INTERVALS. */
  intervalSeconds: number;
}

/** The guide's monitor checks every 60 s. */
export const DEFAULT_MONITOR: MonitorSettings = { enabled: false, intervalSeconds: 60 };

export function parseMonitorSettings(text: string | null): MonitorSettings {
  if (!text) return DEFAULT_MONITOR;
  try {
    const value = JSON.parse(text) as Partial<MonitorSettings> | null;
    const interval =
      MONITOR_INTERVALS.find((i) => i.seconds === value?.intervalSeconds)?.seconds ?? DEFAULT_MONITOR.intervalSeconds;
    return { enabled: value?.enabled === true, intervalSeconds: interval };
  } catch {
    return DEFAULT_MONITOR;
  }
}

// --- namespaces ---------------------------------------------------------------------

/** Hours, as Temporal's CLI takes them (`--retention 72h`). */
export function formatRetention(hours: number | null): string {
  if (hours === null) return "–";
  return `${Math.round(hours * 100) / 100} h`;
}

/** The report cannot run because of the config (missing or invalid): the page points to the editor. */
export function isConfigProblem(error: { status: number; body: ApiErrorBody }): boolean {
  const { code } = error.body;
  return (
    code === "not_found:config" ||
    code.endsWith(":config_invalid") ||
    code.endsWith(":config") ||
    code === "bad_request:project_name"
  );
}
