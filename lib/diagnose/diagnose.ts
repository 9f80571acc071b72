import type { Diagnosis, Evidence, EvidenceSettings, KnowledgeEntry } from "./diagnosis-types";
import { evidenceFromReport, type DiagnosableReport } from "./evidence";
import { KNOWLEDGE_BASE } from "./knowledge-base";

/** Deepest layer a fallback entry is hidden behind: a more specific cause at or below it explains the symptom. */
const FALLBACK_SHADOW_LAYER = 5;

/** Fill `{project}`, `{postgresPort}` … into a command; other braces (Go templates) stay. */
export function fillCommand(command: string, project: string, settings: EvidenceSettings): string {
  const values: Record<string, string> = {
    project,
    ...Object.fromEntries(Object.entries(settings).map(([k, v]) => [k, String(v)])),
  };
  return command.replace(/\{([a-zA-Z]+)\}/g, (whole, key: string) => values[key] ?? whole);
}

/**
 * Match the knowledge base against what a validation found (and any extra evidence: deploy
 * output, container logs) and order the result so the root cause comes first: lower layers
 * of the stack explain the ones above them (a closed PostgreSQL port before a failing
 * Temporal), harmless notes come last.
 */
export function diagnoseEvidence(
  evidence: Evidence,
  knowledgeBase: readonly KnowledgeEntry[] = KNOWLEDGE_BASE,
): Diagnosis[] {
  const matched = knowledgeBase
    .map((entry, index) => ({ entry, index, match: entry.matches(evidence) }))
    .filter(
      (m): m is { entry: KnowledgeEntry; index: number; match: NonNullable<typeof m.match> } =>
        m.match !== null && m.match.score > 0,
    );
  const specific = matched.filter(
    (m) => !m.entry.fallback && !m.entry.harmless && m.entry.layer <= FALLBACK_SHADOW_LAYER,
  );
  return matched
    .filter((m) => !m.entry.fallback || specific.length === 0)
    .sort(
      (a, b) =>
        Number(Boolean(a.entry.harmless)) - Number(Boolean(b.entry.harmless)) ||
        a.entry.layer - b.entry.layer ||
        b.match.score - a.match.score ||
        a.index - b.index,
    )
    .map(({ entry, match }) => ({
      id: entry.id,
      title: entry.title,
      whatHappened: entry.whatHappened,
      why: entry.why,
      commands: entry.commands.map((command) => fillCommand(command, evidence.project, evidence.settings)),
      fix: (entry.chooseFix ? entry.chooseFix(evidence) : entry.fix) ?? null,
      harmless: Boolean(entry.harmless),
      score: match.score,
      because: match.because,
      sources: entry.sources,
    }));
}

/** Diagnose a validation report (a ValidationReport or its JSON), plus extra evidence. */
export function diagnose(report: DiagnosableReport | null, extra: Partial<Evidence> = {}): Diagnosis[] {
  return diagnoseEvidence(evidenceFromReport(report, extra));
}
