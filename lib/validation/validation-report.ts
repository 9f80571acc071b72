import type { DbPlugin } from "../config/compat";
import { crashedSinceHealthy } from "../docker/container-history";
import { dependantsOf, stackService } from "../stack/stack-services";
import type { RunMode } from "./check-runner";
import { formatReportSummary } from "./format-report";
import type { ContainerEvidence } from "./validation-context";
import {
  COMPONENT_ORDER,
  isRequiredComponent,
  type CheckCategory,
  type CheckComponent,
  type CheckResult,
  type CheckStatus,
} from "./validation-check";

export type OverallStatus = "healthy" | "degraded" | "unhealthy";

/** Where the run looked (no password: a report is shown, stored and sent to browsers). */
export interface ValidationTarget {
  project: string | null;
  postgres: { host: string; port: number; database: string; visibilityDatabase: string; user: string } | null;
  temporal: { host: string; port: number; namespace: string; version: string; dbPlugin: DbPlugin } | null;
  ui: { host: string; port: number } | null;
  redis: { host: string; port: number } | null;
}

export interface ValidationReportJson {
  version: 1;
  project: string | null;
  startedAt: string;
  durationMs: number;
  mode: RunMode;
  status: OverallStatus;
  healthy: boolean;
  canProceed: boolean;
  counts: Record<CheckStatus, number>;
  /** Ids of the failed checks, the most fundamental first. */
  rootCauses: string[];
  /** What is still coming up when the report ran: its verdict may change within seconds. */
  settling: string[];
  target: ValidationTarget;
  checks: CheckResult[];
  containers: ContainerEvidence[];
}

const CATEGORY_ORDER: readonly CheckCategory[] = [
  "container",
  "connectivity",
  "authentication",
  "version",
  "schema",
  "capacity",
  "health",
  "namespace",
  "persistence",
];

/**
 * healthy: nothing fails, and only optional components (UI, Redis) may warn;
 * degraded: an optional component fails or a required one warns — work can go on;
 * unhealthy: PostgreSQL, Temporal or their integration fails.
 */
export function overallStatus(checks: readonly CheckResult[]): OverallStatus {
  if (checks.some((c) => c.status === "fail" && isRequiredComponent(c.component))) return "unhealthy";
  if (checks.some((c) => c.status === "fail" || (c.status === "warn" && isRequiredComponent(c.component))))
    return "degraded";
  return "healthy";
}

/**
 * Failed checks ordered so the one to fix first comes first. A failure's dependants are
 * skipped, so every failure here is independent; the order goes down the stack (PostgreSQL
 * before Temporal, a dead container before its closed port), required before optional.
 */
export function orderRootCauses(checks: readonly CheckResult[]): CheckResult[] {
  const rank = (c: CheckResult) => [
    isRequiredComponent(c.component) ? 0 : 1,
    COMPONENT_ORDER.indexOf(c.component),
    CATEGORY_ORDER.indexOf(c.category),
    checks.indexOf(c),
  ];
  return checks
    .filter((c) => c.status === "fail")
    .sort((a, b) => {
      const ra = rank(a);
      const rb = rank(b);
      for (let i = 0; i < ra.length; i++) if (ra[i] !== rb[i]) return ra[i]! - rb[i]!;
      return 0;
    });
}

/**
 * Containers still on their way up: a service whose health is "starting" with no crash since it
 * was last healthy, or a one-shot job still running.
 */
function settlingContainers(containers: readonly ContainerEvidence[]): ContainerEvidence[] {
  return containers.filter(
    (c) => c.state === "running" && (isJob(c) || (c.health === "starting" && !crashedSinceHealthy(c))),
  );
}

const isJob = (c: ContainerEvidence) => stackService(c.service)?.role === "job";

/**
 * Temporal's answer while its cluster membership still counts a host that is gone: a replaced
 * server reports SERVING before the old member's shards are handed over, and until then a
 * workflow start is refused so.
 */
const MEMBERSHIP_UNSETTLED = /Not enough hosts to serve the request/i;

/** How long after its start a server's membership may still be settling (it took seconds in tests). */
const MEMBERSHIP_SETTLE_SECONDS = 120;

/** The Temporal server, when it started moments ago and a check met its unsettled membership. */
function unsettledServer(
  checks: readonly CheckResult[],
  containers: readonly ContainerEvidence[],
): ContainerEvidence | null {
  const server = containers.find((c) => c.service === "temporal" && c.state === "running");
  const recent = server?.uptimeSeconds != null && server.uptimeSeconds < MEMBERSHIP_SETTLE_SECONDS;
  return recent && checks.some(meetsUnsettledMembership) ? server : null;
}

const meetsUnsettledMembership = (check: CheckResult) =>
  check.status !== "pass" && MEMBERSHIP_UNSETTLED.test(`${check.message} ${check.detail ?? ""}`);

/**
 * What is still coming up: a report taken now describes a moment, so it says so instead of
 * letting a passing state read as a root cause.
 */
export function settlingNotes(checks: readonly CheckResult[], containers: readonly ContainerEvidence[]): string[] {
  const notes = settlingContainers(containers).map((c) =>
    isJob(c)
      ? `${c.containerName} is still running (a one-shot job): run the report again in a few seconds.`
      : `${c.containerName} is still starting (its healthcheck has ` +
        `not passed yet): run the report again in a few seconds.`,
  );
  const server = unsettledServer(checks, containers);
  if (server) {
    notes.push(
      `${server.containerName} started ${server.uptimeSeconds} s ago and its cluster membership is still settling ` +
        '(Temporal answers "Not enough hosts to serve the request"): run the report again in a few seconds.',
    );
  }
  return notes;
}

/**
 * A failure of a component whose container is still starting, or that waits for one that is
 * (a server whose schema job still runs was created but not started yet), is what starting
 * looks like, not a root cause: it becomes a warning that says so. A container that crashed is
 * never settling, so its own failures keep their weight.
 */
export function deferToSettling(
  checks: readonly CheckResult[],
  containers: readonly ContainerEvidence[],
): CheckResult[] {
  const waiting = new Map<CheckComponent, string>();
  for (const container of settlingContainers(containers)) {
    const cause = `${container.containerName} is still ${isJob(container) ? "running" : "starting"}`;
    for (const service of [container.service, ...dependantsOf(container.service)]) {
      const component = stackService(service)?.component;
      if (component && !waiting.has(component)) waiting.set(component, cause);
    }
  }
  const server = unsettledServer(checks, containers);
  return checks.map((check) => {
    const membership =
      server && meetsUnsettledMembership(check) ? `${server.containerName}'s cluster membership settles` : null;
    const cause = waiting.get(check.component) ?? membership;
    if (check.status !== "fail" || !cause) return check;
    return { ...check, status: "warn", message: `${check.message} (expected while ${cause})`, remedy: null };
  });
}

export class ValidationReport {
  readonly project: string | null;
  readonly startedAt: string;
  readonly durationMs: number;
  readonly mode: RunMode;
  readonly target: ValidationTarget;
  readonly checks: readonly CheckResult[];
  readonly containers: readonly ContainerEvidence[];

  constructor(init: {
    project: string | null;
    startedAt: string;
    durationMs: number;
    mode: RunMode;
    target: ValidationTarget;
    checks: CheckResult[];
    containers: ContainerEvidence[];
  }) {
    this.project = init.project;
    this.startedAt = init.startedAt;
    this.durationMs = init.durationMs;
    this.mode = init.mode;
    this.target = init.target;
    this.checks = init.checks;
    this.containers = init.containers;
  }

  static fromJSON(json: ValidationReportJson): ValidationReport {
    return new ValidationReport({ ...json, checks: [...json.checks], containers: [...json.containers] });
  }

  get status(): OverallStatus {
    return overallStatus(this.checks);
  }

  /** The guide's success criteria: every required component passes; the UI may be degraded. */
  isHealthy(): boolean {
    return this.status === "healthy";
  }

  /** False when a required component (PostgreSQL, Temporal, integration) fails. */
  canProceed(): boolean {
    return this.status !== "unhealthy";
  }

  check(id: string): CheckResult | undefined {
    return this.checks.find((c) => c.id === id);
  }

  rootCauses(): CheckResult[] {
    return orderRootCauses(this.checks);
  }

  settling(): string[] {
    return settlingNotes(this.checks, this.containers);
  }

  rootCause(): CheckResult | null {
    return this.rootCauses()[0] ?? null;
  }

  counts(): Record<CheckStatus, number> {
    const counts: Record<CheckStatus, number> = { pass: 0, warn: 0, fail: 0, skip: 0 };
    for (const check of this.checks) counts[check.status]++;
    return counts;
  }

  formatSummary(): string {
    return formatReportSummary(this);
  }

  toJSON(): ValidationReportJson {
    return {
      version: 1,
      project: this.project,
      startedAt: this.startedAt,
      durationMs: this.durationMs,
      mode: this.mode,
      status: this.status,
      healthy: this.isHealthy(),
      canProceed: this.canProceed(),
      counts: this.counts(),
      rootCauses: this.rootCauses().map((c) => c.id),
      settling: this.settling(),
      target: this.target,
      checks: [...this.checks],
      containers: [...this.containers],
    };
  }
}
