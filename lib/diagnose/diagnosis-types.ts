/**
 * The diagnosis knowledge base's vocabulary. Evidence is plain data (check results,
 * container states, log lines) so that diagnosing is a pure function, unit-tested without
 * Docker, PostgreSQL or Temporal.
 */

export interface CheckEvidence {
  id: string;
  status: "pass" | "warn" | "fail" | "skip";
  message: string;
  detail: string | null;
  remedy: string | null;
}

export interface ContainerEvidence {
  service: string;
  containerName: string;
  state: string;
  health: string;
  restartCount: number;
  oomKilled: boolean;
  exitCode: number | null;
  /** The engine's own error for the container (`State.Error`), e.g. a port that could not be bound. */
  error: string | null;
  /** Last log lines, already redacted. */
  logs: string[];
}

/** Values the troubleshooting commands are written with. */
export interface EvidenceSettings {
  namespace: string;
  database: string;
  postgresUser: string;
  postgresPort: number;
  temporalPort: number;
  uiPort: number;
}

export interface Evidence {
  project: string;
  settings: EvidenceSettings;
  checks: CheckEvidence[];
  containers: ContainerEvidence[];
  /** Lines from elsewhere: a deploy's output, an engine error message. */
  lines: { source: string; text: string }[];
}

export type FixKind =
  "use-free-port" | "regenerate-dynamic-config" | "restart-container" | "wait-and-recheck" | "redeploy";

/** An action Mycelium can take for the user; only safe ones (nothing is deleted) are offered. */
export interface Fix {
  kind: FixKind;
  label: string;
  safe: true;
  /** The compose service it acts on, for restart-container. */
  service?: string;
}

/** Why an entry matched, and how strongly (0–100). */
export interface Match {
  score: number;
  /** Quotes of the evidence that matched: a log line, a check's message, a container state. */
  because: string[];
}

/** Where the entry's knowledge comes from. */
export type Source = { guide: string } | { facts: number } | { currentTemporal: string };

export interface KnowledgeEntry {
  /** Also the remedy anchor checks link to (`#<id>`). */
  id: string;
  title: string;
  sources: Source[];
  /**
   * Depth in the stack, for ordering: a cause lower down explains failures above it.
   * 0 host/engine, 1 PostgreSQL reachability, 2 PostgreSQL login and capacity,
   * 3 schema, 4 Temporal start-up, 5 Temporal readiness, 6 namespace, 7 UI.
   */
  layer: number;
  /** Known and harmless: reported last, never as a root cause. */
  harmless?: boolean;
  /** A general entry shown only when no more specific one explains the failure. */
  fallback?: boolean;
  matches(evidence: Evidence): Match | null;
  whatHappened: string;
  why: string;
  /** Commands to look closer; `{project}`, `{postgresPort}` … are filled in from the evidence. */
  commands: string[];
  fix?: Fix;
  /** Picks the fix from the evidence when it depends on the state (a stopped container vs a starting one). */
  chooseFix?(evidence: Evidence): Fix | undefined;
}

export interface Diagnosis {
  id: string;
  title: string;
  whatHappened: string;
  why: string;
  commands: string[];
  fix: Fix | null;
  harmless: boolean;
  score: number;
  because: string[];
  sources: Source[];
}
