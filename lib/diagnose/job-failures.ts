import type { ContainerEvidence, Fix, KnowledgeEntry } from "./diagnosis-types";
import { onContainer } from "./evidence";

/**
 * Failures of the one-shot jobs of a 1.30+ stack (current-temporal.md §3): the admin-tools
 * containers that prepare the schema and the dynamic config before the server starts, and
 * register the namespace after it. A failed job stops the deploy at that step, so it is the
 * root cause of everything after it; a more specific line in its log (a rejected password)
 * is matched by the entries for that line.
 */

const failed = (c: ContainerEvidence) => ["exited", "dead"].includes(c.state) && (c.exitCode ?? 0) !== 0;
const lastWords = (c: ContainerEvidence) =>
  `exited with code ${c.exitCode}${c.logs.length ? `: ${c.logs.at(-1)}` : ""}`;
const runJobAgain: Fix = { kind: "redeploy", label: "Redeploy: the failed job runs again", safe: true };

export const schemaJobFailed: KnowledgeEntry = {
  id: "schema-job-failed",
  title: "The schema job failed",
  sources: [{ currentTemporal: "§3 step 2" }],
  layer: 3,
  matches: (e) => onContainer(e, "temporal-schema", 85, failed, lastWords),
  whatHappened:
    "The temporal-schema job could not create or migrate Temporal's databases, so the server was not started.",
  why:
    "The job runs temporal-sql-tool create, setup-schema -v 0.0 and " +
    "update-schema for both databases. It fails when PostgreSQL rejects " +
    "its login, when the user may not create databases or extensions " +
    "(the visibility schema needs btree_gin), or when the schema " +
    "is newer than this release knows. Its last lines say which; " +
    '"no usable database connection found" is the tool\'s word for a ' +
    "connection or login PostgreSQL refused (the reason is in PostgreSQL's log).",
  commands: [
    "docker logs {project}-temporal-schema --tail 30",
    "docker logs {project}-postgres --tail 20",
    "docker exec {project}-postgres psql -U {postgresUser} -d {database} -c '\\du'",
  ],
  fix: runJobAgain,
};

export const namespaceJobFailed: KnowledgeEntry = {
  id: "namespace-job-failed",
  title: "The namespace job failed",
  sources: [{ currentTemporal: "§3 step 4" }],
  layer: 6,
  matches: (e) => onContainer(e, "temporal-namespace", 80, failed, lastWords),
  whatHappened: "The temporal-namespace job could not register the namespace.",
  why:
    "It waits up to two minutes for the frontend to be SERVING, then describes the namespace and " +
    "creates it if missing. A frontend that never got ready, or a retention the server refuses, ends it.",
  commands: ["docker logs {project}-temporal-namespace --tail 30", "docker logs {project}-temporal --tail 50"],
  fix: runJobAgain,
};

export const JOB_FAILURES: readonly KnowledgeEntry[] = [schemaJobFailed, namespaceJobFailed];
