import { diagnoseEvidence } from "./diagnose";
import type { Evidence } from "./diagnosis-types";

const NO_SETTINGS: Evidence["settings"] = {
  namespace: "default",
  database: "temporal",
  postgresUser: "postgres",
  postgresPort: 5432,
  temporalPort: 7233,
  uiPort: 8080,
};

/**
 * The known failure one log line points at, if any: the logs page links an error line to its
 * entry in the health report (`/health#<id>`). Pure and small enough for the browser.
 */
export function matchLogLine(service: string, text: string): { id: string; title: string } | null {
  const evidence: Evidence = {
    project: "",
    settings: NO_SETTINGS,
    checks: [],
    containers: [
      {
        service,
        containerName: service,
        state: "running",
        health: "none",
        restartCount: 0,
        oomKilled: false,
        exitCode: null,
        error: null,
        logs: [text],
      },
    ],
    lines: [],
  };
  const [best] = diagnoseEvidence(evidence).filter((diagnosis) => !diagnosis.harmless);
  return best ? { id: best.id, title: best.title } : null;
}
