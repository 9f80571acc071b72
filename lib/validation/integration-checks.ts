import { namespaceRowExists, readCurrentExecution } from "../postgres/postgres-queries";
import { PROBE_WORKFLOW_ID } from "../temporal/probe-workflow";
import { CHECK_IDS, REMEDIES } from "./check-ids";
import { serverOverview } from "./postgres-checks";
import type { ValidationContext } from "./validation-context";
import { fail, pass, type CheckDefinition } from "./validation-check";
import { VALIDATOR_APPLICATION_NAME, type ValidationOptions } from "./validation-options";

type Check = CheckDefinition<ValidationContext>;

/** Terminated, in temporal.api.enums.v1.WorkflowExecutionStatus. */
const STATUS_TERMINATED = 5;

/** Checks that Temporal and PostgreSQL are each other's: the server uses *this* database. */
export function integrationChecks(options: ValidationOptions): Check[] {
  const { postgresDatabase: main, postgresVisibilityDatabase: visibility, temporalNamespace: namespace } = options;
  return [
    {
      id: CHECK_IDS.integrationConnections,
      title: "Temporal → PostgreSQL connections",
      category: "persistence",
      component: "integration",
      dependsOn: [CHECK_IDS.postgresDatabases, CHECK_IDS.temporalHealth],
      remedy: REMEDIES.postgresWaitLoop,
      async run(context) {
        // Counted when this run logged in; Temporal's pools keep their connections open.
        const counts = (await serverOverview(context)).foreignConnections;
        const inMain = counts[main] ?? 0;
        const inVisibility = counts[visibility] ?? 0;
        const detail =
          `pg_stat_activity, client backends other than application_name=${VALIDATOR_APPLICATION_NAME}: ` +
          `${main}=${inMain}, ${visibility}=${inVisibility}`;
        if (inMain > 0)
          return pass(
            `Temporal holds ${inMain} connection${inMain === 1 ? "" : "s"} ` +
              `to ${main} and ${inVisibility} to ${visibility}`,
            { detail },
          );
        return fail(
          `Nothing but this validation is connected to ${main}: the Temporal that answers is not using this PostgreSQL`,
          {
            detail,
            hint:
              "Temporal may be failing to reach the database " +
              "(POSTGRES_SEEDS, DB_PORT) or be configured for another server.",
          },
        );
      },
    },
    {
      id: CHECK_IDS.integrationNamespace,
      title: "Namespace stored in PostgreSQL",
      category: "namespace",
      component: "integration",
      // After the connections check: when Temporal is not using this database, that check is
      // the one red line, and this one would only repeat it.
      dependsOn: [CHECK_IDS.postgresTables, CHECK_IDS.temporalNamespace, CHECK_IDS.integrationConnections],
      remedy: REMEDIES.namespaceNotFound,
      async run(context) {
        const exists = await namespaceRowExists(await context.postgres.connect(main), namespace);
        if (exists)
          return pass(`Namespace ${namespace} is stored in ${main}.namespaces`, {
            detail: `SELECT name FROM namespaces WHERE name='${namespace}' → 1 row`,
          });
        return fail(
          `Temporal knows namespace ${namespace}, but ${main}.namespaces ` +
            `has no row for it: Temporal is using another database`,
          {
            detail: `SELECT name FROM namespaces WHERE name='${namespace}' → 0 rows`,
          },
        );
      },
    },
    {
      id: CHECK_IDS.integrationPersistence,
      title: "Temporal's write found in PostgreSQL",
      category: "persistence",
      component: "integration",
      dependsOn: [CHECK_IDS.integrationNamespace, CHECK_IDS.temporalWorkflowProbe],
      async run(context) {
        const runId = context.facts.probeRunId;
        if (!runId) return fail("The probe workflow's run id is unknown: nothing to look for");
        const row = await readCurrentExecution(await context.postgres.connect(main), PROBE_WORKFLOW_ID, runId);
        const detail =
          `SELECT state, status FROM current_executions WHERE workflow_id='${PROBE_WORKFLOW_ID}' ` +
          `AND run_id=<${runId}> → ${row ? `state ${row.state}, status ${row.status}` : "no row"}`;
        if (!row) {
          return fail(
            `Temporal accepted probe workflow ${PROBE_WORKFLOW_ID}, but ${main}.current_executions ` +
              `has no row for its run: Temporal writes to another database`,
            { detail },
          );
        }
        const state = row.status === STATUS_TERMINATED ? "terminated" : `status ${row.status}`;
        return pass(
          `Probe workflow ${PROBE_WORKFLOW_ID} written through Temporal is in ${main}.current_executions (${state})`,
          { detail },
        );
      },
    },
  ];
}
