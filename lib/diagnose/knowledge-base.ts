import type { KnowledgeEntry } from "./diagnosis-types";
import { GUIDE_ENTRIES } from "./guide-entries";
import { KNOWN_FAILURES } from "./known-failures";

/** Every troubleshooting entry: the guide's six and the known failures of facts §6. */
export const KNOWLEDGE_BASE: readonly KnowledgeEntry[] = [...GUIDE_ENTRIES, ...KNOWN_FAILURES];

export function knowledgeEntry(id: string): KnowledgeEntry | undefined {
  return KNOWLEDGE_BASE.find((entry) => entry.id === id);
}
