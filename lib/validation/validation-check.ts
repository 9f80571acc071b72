/**
 * What one validation check is and what it answers. The shapes are plain data so that a
 * report can be stored, sent to the dashboard as JSON and diagnosed without the code that
 * produced it.
 */

export type CheckStatus = "pass" | "warn" | "fail" | "skip";

/** The part of the stack a check is about; the summary groups by it. */
export type CheckComponent = "postgres" | "temporal" | "ui" | "integration" | "redis";

/** What kind of question a check asks; root causes are ordered by it within a component. */
export type CheckCategory =
  | "container"
  | "connectivity"
  | "authentication"
  | "version"
  | "schema"
  | "capacity"
  | "health"
  | "namespace"
  | "persistence";

/** Components whose failure stops Temporal from working; the others only degrade the stack. */
export const REQUIRED_COMPONENTS: readonly CheckComponent[] = ["postgres", "temporal", "integration"];

/** Down the stack: the order of the summary's groups and of root causes. */
export const COMPONENT_ORDER: readonly CheckComponent[] = ["postgres", "temporal", "integration", "ui", "redis"];

export function isRequiredComponent(component: CheckComponent): boolean {
  return REQUIRED_COMPONENTS.includes(component);
}

export interface CheckResult {
  id: string;
  title: string;
  category: CheckCategory;
  component: CheckComponent;
  status: CheckStatus;
  /** One sentence for the user: what was found (already redacted). */
  message: string;
  /** Raw detail one click away: server answers, counts, error codes (already redacted). */
  detail: string | null;
  /** What to do, in one sentence, when the message alone does not say it. */
  hint: string | null;
  /** Anchor of the troubleshooting entry, e.g. `#postgres-connection-refused`. */
  remedy: string | null;
  dependsOn: string[];
  /** For a skipped check: the failed check that caused the skip (transitively). */
  skippedBecauseOf: string | null;
  /** Milliseconds after the run started, for the timeline. */
  startedAtMs: number;
  durationMs: number;
}

/** What a check's own code decides; the runner adds identity, timing and dependencies. */
export interface CheckOutcome {
  status: CheckStatus;
  message: string;
  detail?: string | null;
  hint?: string | null;
  remedy?: string | null;
}

export interface CheckDefinition<Context> {
  id: string;
  title: string;
  category: CheckCategory;
  component: CheckComponent;
  /** Checks that must pass (or warn) before this one can say anything meaningful. */
  dependsOn: string[];
  /** Own deadline; the runner's default applies when unset. */
  timeoutMs?: number;
  /** Anchor used when the check fails without naming a more precise one. */
  remedy?: string;
  run(context: Context, signal: AbortSignal): Promise<CheckOutcome>;
}

export const pass = (message: string, extra: Omit<CheckOutcome, "status" | "message"> = {}): CheckOutcome => ({
  status: "pass",
  message,
  ...extra,
});
export const warn = (message: string, extra: Omit<CheckOutcome, "status" | "message"> = {}): CheckOutcome => ({
  status: "warn",
  message,
  ...extra,
});
export const fail = (message: string, extra: Omit<CheckOutcome, "status" | "message"> = {}): CheckOutcome => ({
  status: "fail",
  message,
  ...extra,
});
export const skip = (message: string, extra: Omit<CheckOutcome, "status" | "message"> = {}): CheckOutcome => ({
  status: "skip",
  message,
  ...extra,
});
