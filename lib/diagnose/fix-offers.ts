import type { Diagnosis, Fix, FixKind } from "./diagnosis-types";

/** What each kind of fix does, said before it is applied (the page beside its button, the CLI in its list). */
export const FIX_EFFECT: Record<FixKind, string> = {
  "restart-container": "Safe: restarts one container, keeps every volume.",
  redeploy: "Safe: writes the stack's files again and starts what is down; data is kept.",
  "regenerate-dynamic-config": "Safe: writes the generated files again and redeploys; data is kept.",
  "use-free-port": "Safe: moves the clashing ports in the config, then redeploys; data is kept.",
  "wait-and-recheck": "Nothing is changed: the report runs again after a short wait.",
};

/** A fix the report offers, named by its diagnosis' id (`mycelium fix <id>`). */
export interface FixOffer {
  id: string;
  fix: Fix;
}

/** The fixes on offer, root cause first; harmless notes offer none. */
export function fixOffers(diagnoses: readonly Diagnosis[]): FixOffer[] {
  return diagnoses.flatMap((d) => (d.fix && !d.harmless ? [{ id: d.id, fix: d.fix }] : []));
}

/** What asks the server for a fix (POST /api/fixes): its kind, and the service a restart acts on. */
export function fixRequestBody(fix: Fix): { kind: FixKind; service?: string } {
  return fix.kind === "restart-container" ? { kind: fix.kind, service: fix.service } : { kind: fix.kind };
}

/** The command that applies a diagnosis' fix. */
export function fixCommand(id: string): string {
  return `mycelium fix ${id}`;
}
