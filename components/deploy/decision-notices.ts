import type { Notice } from "@/components/ui";
import type { ReusePostgresResponse } from "./deploy-types";

/** "services.postgres.port is now 5433, …": what adopting proposed ports changed. */
export function describePortEdits(edits: Record<string, number>): string {
  return Object.entries(edits)
    .map(([field, port]) => `${field} is now ${port}`)
    .join(", ");
}

/** What reusing a running PostgreSQL amounts to, with the server's own warnings as the hint. */
export function reusedPostgresNotice(report: ReusePostgresResponse): Notice {
  return {
    tone: "success",
    message:
      `Reusing PostgreSQL ${report.version} on port ${report.port}: the login works ` +
      `from containers too (${report.dockerHostAddress}). Password kept in .env.`,
    hint: report.warnings.join(" ") || undefined,
  };
}
