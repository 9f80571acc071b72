import type { KnowledgeEntry } from "./diagnosis-types";
import { GUIDE_ENTRIES } from "./guide-entries";
import { JOB_FAILURES } from "./job-failures";
import { KNOWN_FAILURES } from "./known-failures";

/** Every troubleshooting entry: the guide's six, the known failures of facts §6 and the 1.30+ jobs'. */
export const KNOWLEDGE_BASE: readonly KnowledgeEntry[] = [...GUIDE_ENTRIES, ...KNOWN_FAILURES, ...JOB_FAILURES];

export function knowledgeEntry(id: string): KnowledgeEntry | undefined {
  return KNOWLEDGE_BASE.find((entry) => entry.id === id);
}
