import { countForeignConnections, namespaceRowExists, readCurrentExecution } from "../postgres/postgres-queries";
import { describeGrpcError } from "../temporal/grpc-errors";
import { PROBE_WORKFLOW_ID, startProbeWorkflow, terminateProbeWorkflow } from "../temporal/probe-workflow";
import { CHECK_IDS, REMEDIES } from "./check-ids";
import type { ValidationContext } from "./validation-context";
import { fail, pass, skip, warn, type CheckDefinition } from "./validation-check";
import { VALIDATOR_APPLICATION_NAME, type ValidationOptions } from "./validation-options";

type Check = CheckDefinition<ValidationContext>;

/** Checks that Temporal and PostgreSQL are each other's: the server uses *this* database. */
export function integrationChecks(options: ValidationOptions): Check[] {
  const { postgresDatabase: main, postgresVisibilityDatabase: visibility, temporalNamespace: namespace } = options;
  const timeout = options.checkTimeoutMs;
  return [
    {
      id: CHECK_IDS.integrationConnections,
      title: "Temporal → PostgreSQL connections",
      category: "persistence",
      component: "integration",
      dependsOn: [CHECK_IDS.postgresDatabases, CHECK_IDS.temporalHealth],
      remedy: REMEDIES.postgresWaitLoop,
      async run(context) {
        const client = await context.postgres.connect(main);
        const counts = await countForeignConnections(client, [main, visibility], VALIDATOR_APPLICATION_NAME);
        const inMain = counts[main] ?? 0;
        const inVisibility = counts[visibility] ?? 0;
        const detail = `pg_stat_activity, client backends other than application_name=${VALIDATOR_APPLICATION_NAME}: ${main}=${inMain}, ${visibility}=${inVisibility}`;
        if (inMain > 0) return pass(`Temporal holds ${inMain} connection${inMain === 1 ? "" : "s"} to ${main} and ${inVisibility} to ${visibility}`, { detail });
        return fail(`Nothing but this validation is connected to ${main}: the Temporal that answers is not using this PostgreSQL`, {
          detail,
          hint: "Temporal may be failing to reach the database (POSTGRES_SEEDS, DB_PORT) or be configured for another server.",
        });
      },
    },
    {
      id: CHECK_IDS.integrationNamespace,
      title: "Namespace stored in PostgreSQL",
      category: "namespace",
      component: "integration",
      dependsOn: [CHECK_IDS.postgresTables, CHECK_IDS.temporalNamespace],
      remedy: REMEDIES.namespaceNotFound,
      async run(context) {
        const exists = await namespaceRowExists(await context.postgres.connect(main), namespace);
        if (exists) return pass(`Namespace ${namespace} is stored in ${main}.namespaces`, { detail: `SELECT name FROM namespaces WHERE name='${namespace}' → 1 row` });
        return fail(`Temporal knows namespace ${namespace}, but ${main}.namespaces has no row for it: Temporal is using another database`, {
          detail: `SELECT name FROM namespaces WHERE name='${namespace}' → 0 rows`,
        });
      },
    },
    {
      id: CHECK_IDS.integrationPersistence,
      title: "Write through Temporal, read from PostgreSQL",
      category: "persistence",
      component: "integration",
      dependsOn: [CHECK_IDS.integrationNamespace],
      async run(context) {
        if (!options.persistenceProbe) return skip("skipped: the persistence probe is turned off for this run");
        const connection = context.temporal();
        let runId: string;
        try {
          ({ runId } = await startProbeWorkflow(connection, namespace, timeout));
        } catch (error) {
          const failure = describeGrpcError(error);
          return fail(`Temporal did not accept the probe workflow: ${failure.details}`, { detail: `StartWorkflowExecution → ${failure.codeName}: ${failure.details}` });
        }
        let row: Awaited<ReturnType<typeof readCurrentExecution>> = null;
        let readError: unknown = null;
        try {
          row = await readCurrentExecution(await context.postgres.connect(main), PROBE_WORKFLOW_ID, runId);
        } catch (error) {
          readError = error;
        }
        // Terminate whatever the read-back found: the probe must not stay running.
        let terminateError: string | null = null;
        try {
          await terminateProbeWorkflow(connection, namespace, runId, timeout);
        } catch (error) {
          terminateError = describeGrpcError(error).details;
        }
        const detail = `StartWorkflowExecution ${PROBE_WORKFLOW_ID} → run ${runId}; SELECT state, status FROM current_executions WHERE workflow_id='${PROBE_WORKFLOW_ID}' AND run_id=<run> → ${row ? `state ${row.state}, status ${row.status}` : "no row"}; TerminateWorkflowExecution → ${terminateError ?? "ok"}`;
        if (readError) throw readError;
        if (!row) {
          return fail(`Temporal accepted the probe workflow, but ${main}.current_executions has no row for it: Temporal writes to another database`, { detail });
        }
        if (terminateError) {
          return warn(`Probe written and read back, but it could not be terminated (${terminateError}); it times out by itself within 5 minutes`, { detail });
        }
        return pass(`Probe workflow ${PROBE_WORKFLOW_ID} written through Temporal, read back from ${main}.current_executions, then terminated`, { detail });
      },
    },
  ];
}
