import type { CheckEvidence, ContainerEvidence, Evidence, EvidenceSettings, Match } from "./diagnosis-types";

/** Longest quote of a log line kept in a diagnosis. */
const QUOTE_LENGTH = 300;

/** What diagnose needs from a validation report (a ValidationReport or its JSON). */
export interface DiagnosableReport {
  project: string | null;
  checks: readonly CheckEvidence[];
  containers: readonly ContainerEvidence[];
  target?: {
    postgres: { port: number; database: string; user: string } | null;
    temporal: { port: number; namespace: string } | null;
    ui: { port: number } | null;
  };
}

const DEFAULT_SETTINGS: EvidenceSettings = {
  namespace: "default",
  database: "temporal",
  postgresUser: "postgres",
  postgresPort: 5432,
  temporalPort: 7233,
  uiPort: 8080,
};

/** Evidence from a report, plus anything else known (deploy output, extra containers). */
export function evidenceFromReport(report: DiagnosableReport | null, extra: Partial<Evidence> = {}): Evidence {
  const target = report?.target;
  const settings: EvidenceSettings = {
    ...DEFAULT_SETTINGS,
    ...(target?.postgres
      ? { postgresPort: target.postgres.port, database: target.postgres.database, postgresUser: target.postgres.user }
      : {}),
    ...(target?.temporal ? { temporalPort: target.temporal.port, namespace: target.temporal.namespace } : {}),
    ...(target?.ui ? { uiPort: target.ui.port } : {}),
    ...extra.settings,
  };
  return {
    project: extra.project ?? report?.project ?? "temporal-deployment",
    settings,
    checks: [...(report?.checks ?? []), ...(extra.checks ?? [])].map(({ id, status, message, detail, remedy }) => ({
      id,
      status,
      message,
      detail,
      remedy,
    })),
    containers: [...(report?.containers ?? []), ...(extra.containers ?? [])],
    lines: extra.lines ?? [],
  };
}

/** Every log line known, with where it came from; a container's engine error counts as a line. */
export function allLines(evidence: Evidence, service?: string): { source: string; text: string }[] {
  const lines: { source: string; text: string }[] = [];
  for (const container of evidence.containers) {
    if (service && container.service !== service) continue;
    if (container.error) lines.push({ source: `${container.containerName} (engine)`, text: container.error });
    for (const text of container.logs) lines.push({ source: container.containerName, text });
  }
  if (!service) lines.push(...evidence.lines);
  return lines;
}

const quote = (line: { source: string; text: string }) =>
  `${line.source}: ${line.text.length > QUOTE_LENGTH ? `${line.text.slice(0, QUOTE_LENGTH)}…` : line.text}`;

export function findLine(
  evidence: Evidence,
  pattern: RegExp,
  service?: string,
): { source: string; text: string } | null {
  return allLines(evidence, service).find((line) => pattern.test(line.text)) ?? null;
}

export function countLines(evidence: Evidence, pattern: RegExp, service?: string): number {
  return allLines(evidence, service).filter((line) => pattern.test(line.text)).length;
}

export function checkOf(evidence: Evidence, id: string): CheckEvidence | undefined {
  return evidence.checks.find((check) => check.id === id);
}

export function containerOf(evidence: Evidence, service: string): ContainerEvidence | undefined {
  return evidence.containers.find((container) => container.service === service);
}

/** A container that should run but does not (and will not by itself). */
export function isDown(container: ContainerEvidence | undefined): boolean {
  return Boolean(container && ["exited", "dead", "created"].includes(container.state));
}

// --- match builders: each returns a Match or null, `anyOf` combines them ---------------

export function onLine(evidence: Evidence, pattern: RegExp, score: number, service?: string): Match | null {
  const line = findLine(evidence, pattern, service);
  return line ? { score, because: [quote(line)] } : null;
}

export function onCheck(
  evidence: Evidence,
  id: string,
  score: number,
  {
    statuses = ["fail"],
    message,
    remedy,
  }: { statuses?: CheckEvidence["status"][]; message?: RegExp; remedy?: string } = {},
): Match | null {
  const check = checkOf(evidence, id);
  if (!check || !statuses.includes(check.status)) return null;
  if (message && !message.test(check.message)) return null;
  if (remedy && check.remedy !== remedy) return null;
  return { score, because: [`check ${check.id} ${check.status}: ${check.message}`] };
}

export function onContainer(
  evidence: Evidence,
  service: string | null,
  score: number,
  predicate: (container: ContainerEvidence) => boolean,
  describe: (container: ContainerEvidence) => string,
): Match | null {
  const container = evidence.containers.find((c) => (service === null || c.service === service) && predicate(c));
  return container ? { score, because: [`container ${container.containerName}: ${describe(container)}`] } : null;
}

/** The strongest match, a little stronger for each further piece of evidence. */
export function anyOf(...matches: (Match | null)[]): Match | null {
  const found = matches.filter((m): m is Match => m !== null);
  if (found.length === 0) return null;
  const score = Math.min(100, Math.max(...found.map((m) => m.score)) + 5 * (found.length - 1));
  return { score, because: [...new Set(found.flatMap((m) => m.because))] };
}
