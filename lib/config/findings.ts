/**
 * A finding is one thing wrong (error) or risky (warning) in a config file, pointing at
 * the YAML location it came from and saying how to fix it.
 */
export type FindingSeverity = "error" | "warning";

export interface Finding {
  severity: FindingSeverity;
  /** Stable machine-readable id, e.g. `unknown-key`, `port-conflict`, `pg-temporal-incompatible`. */
  code: string;
  /** Dotted path of the offending value, e.g. `services.postgres.port`; "" for the whole file. */
  path: string;
  message: string;
  fix: string;
  /** 1-based position in the YAML text, when the finding can be tied to one. */
  line?: number;
  column?: number;
}

export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === "error");
}
