import { persistenceStoreName } from "../config/compat";
import { MyceliumError } from "../errors";
import { readClusterInfo, readSystemInfo } from "../temporal/cluster-info";
import { describeGrpcError, GrpcStatus, isUnreachable } from "../temporal/grpc-errors";
import { describeNamespace } from "../temporal/namespaces";
import { PROBE_WORKFLOW_ID, startProbeWorkflow, terminateProbeWorkflow } from "../temporal/probe-workflow";
import { checkWorkflowServiceHealth, WORKFLOW_SERVICE } from "../temporal/temporal-connection";
import { CHECK_IDS, REMEDIES } from "./check-ids";
import { portCheck } from "./port-check";
import type { ValidationContext } from "./validation-context";
import { fail, pass, skip, warn, type CheckDefinition, type CheckOutcome } from "./validation-check";
import type { ValidationOptions } from "./validation-options";

type Check = CheckDefinition<ValidationContext>;

/** A call that got no usable answer: the frontend went away, or is not Temporal. */
function callFailure(what: string, error: unknown): CheckOutcome {
  const failure = describeGrpcError(error);
  const detail = `${failure.codeName}: ${failure.details}`;
  if (isUnreachable(failure))
    return fail(`${what}: Temporal's frontend did not answer (${failure.codeName})`, {
      detail,
      remedy: REMEDIES.frontendNotReady,
    });
  if (failure.code === GrpcStatus.UNIMPLEMENTED)
    return fail(`${what}: the listener does not implement Temporal's API`, { detail });
  return fail(`${what}: ${failure.details}`, { detail });
}

export function temporalChecks(options: ValidationOptions): Check[] {
  const { temporalHost: host, temporalPort: port, temporalNamespace: namespace } = options;
  const timeout = options.checkTimeoutMs;
  return [
    portCheck(
      {
        id: CHECK_IDS.temporalPort,
        label: "Temporal gRPC port",
        component: "temporal",
        host,
        port,
        remedy: REMEDIES.frontendNotReady,
      },
      options,
    ),
    {
      id: CHECK_IDS.temporalHealth,
      title: "Temporal frontend health",
      category: "health",
      component: "temporal",
      dependsOn: [CHECK_IDS.temporalPort],
      remedy: REMEDIES.frontendNotReady,
      async run(context) {
        let status: string;
        try {
          status = await checkWorkflowServiceHealth(context.temporal(), timeout);
        } catch (error) {
          const failure = describeGrpcError(error);
          if (failure.code === GrpcStatus.NOT_FOUND || failure.code === GrpcStatus.UNIMPLEMENTED) {
            return fail(
              `The gRPC server on port ${port} does not know ${WORKFLOW_SERVICE}: it is not a Temporal frontend`,
              {
                detail: `${failure.codeName}: ${failure.details}`,
                remedy: REMEDIES.portAlreadyInUse,
              },
            );
          }
          return callFailure("Health check", error);
        }
        const detail = `grpc.health.v1.Health/Check {service: "${WORKFLOW_SERVICE}"} → ${status}`;
        if (status === "SERVING") return pass("Temporal's frontend is SERVING", { detail });
        if (status === "NOT_SERVING") {
          return fail("Temporal's frontend is up but not ready yet (NOT_SERVING)", {
            detail,
            hint:
              "It turns SERVING once its services have joined the cluster, usually " +
              "seconds after start; if it stays NOT_SERVING, Temporal's logs say why.",
          });
        }
        return fail(`Temporal's frontend reports ${status}`, { detail });
      },
    },
    {
      id: CHECK_IDS.temporalVersion,
      title: "Temporal server version",
      category: "version",
      component: "temporal",
      dependsOn: [CHECK_IDS.temporalHealth],
      async run(context) {
        let serverVersion: string;
        try {
          ({ serverVersion } = await readSystemInfo(context.temporal(), timeout));
        } catch (error) {
          return callFailure("GetSystemInfo", error);
        }
        const detail = `GetSystemInfo → server_version ${serverVersion || "(empty)"}`;
        if (serverVersion === options.temporalVersion)
          return pass(`Temporal ${serverVersion}, as configured`, { detail });
        return warn(
          `Temporal ${serverVersion || "(unknown version)"} answers, but the config names ${options.temporalVersion}`,
          {
            detail,
            hint: "A redeploy brings the configured version; another Temporal on the same port would explain it too.",
          },
        );
      },
    },
    {
      id: CHECK_IDS.temporalPersistence,
      title: "Temporal persistence store",
      category: "persistence",
      component: "temporal",
      dependsOn: [CHECK_IDS.temporalHealth],
      remedy: REMEDIES.unsupportedDbPlugin,
      async run(context) {
        let info;
        try {
          info = await readClusterInfo(context.temporal(), timeout);
        } catch (error) {
          return callFailure("GetClusterInfo", error);
        }
        const expected = persistenceStoreName(options.dbPlugin);
        const detail =
          `GetClusterInfo → cluster ${info.clusterName || "?"}, persistence_store ` +
          `${info.persistenceStore || "(empty)"}, visibility_store ` +
          `${info.visibilityStore || "(empty)"}, ${info.historyShardCount} history shards`;
        if (info.persistenceStore === expected)
          return pass(`Temporal persists to PostgreSQL (${info.persistenceStore})`, { detail });
        return fail(
          `Temporal persists to "${info.persistenceStore || "unknown"}", ` +
            `not to PostgreSQL through the ${expected} plugin`,
          {
            detail,
            hint: `The server's DB setting should be ${options.dbPlugin}; a redeploy writes it.`,
          },
        );
      },
    },
    {
      id: CHECK_IDS.temporalNamespace,
      title: `Namespace ${namespace}`,
      category: "namespace",
      component: "temporal",
      dependsOn: [CHECK_IDS.temporalHealth],
      remedy: REMEDIES.namespaceNotFound,
      async run(context) {
        try {
          const found = await describeNamespace(context.temporal(), namespace, timeout);
          context.facts.namespaceId = found.id;
          const retention =
            found.retentionHours === null ? "" : `, retention ${Math.round(found.retentionHours * 10) / 10} h`;
          const detail = `DescribeNamespace → id ${found.id}, state ${found.state}`;
          if (found.state !== "registered")
            return fail(`Namespace ${namespace} exists but is ${found.state}`, { detail });
          return pass(`Namespace ${namespace} is registered${retention}`, { detail });
        } catch (error) {
          if (error instanceof MyceliumError && error.code === "not_found:namespace") {
            return fail(error.message, {
              detail: error.detail ?? null,
              hint: "It is registered a few seconds after Temporal starts: wait and check again, or register it.",
            });
          }
          return callFailure("DescribeNamespace", (error as { cause?: unknown }).cause ?? error);
        }
      },
    },
    {
      id: CHECK_IDS.temporalWorkflowProbe,
      title: "Workflow start and terminate",
      category: "persistence",
      component: "temporal",
      dependsOn: [CHECK_IDS.temporalNamespace],
      // Written here, on Temporal's side alone, so the write overlaps the PostgreSQL checks;
      // integration.persistence then finds the run in PostgreSQL.
      async run(context) {
        if (!options.persistenceProbe) return skip("skipped: the persistence probe is turned off for this run");
        const connection = context.temporal();
        let runId: string;
        try {
          ({ runId } = await startProbeWorkflow(connection, namespace, timeout));
        } catch (error) {
          const failure = describeGrpcError(error);
          return fail(`Temporal did not accept a workflow start: ${failure.details}`, {
            detail: `StartWorkflowExecution ${PROBE_WORKFLOW_ID} → ${failure.codeName}: ${failure.details}`,
          });
        }
        context.facts.probeRunId = runId;
        try {
          await terminateProbeWorkflow(connection, namespace, runId, timeout);
        } catch (error) {
          const failure = describeGrpcError(error);
          return warn(
            `Temporal started the probe workflow but did not terminate it ` +
              `(${failure.details}); it times out by itself within 5 minutes`,
            {
              detail:
                `StartWorkflowExecution ${PROBE_WORKFLOW_ID} → run ${runId}; ` +
                `TerminateWorkflowExecution → ${failure.codeName}: ${failure.details}`,
            },
          );
        }
        return pass(`Temporal started and terminated probe workflow ${PROBE_WORKFLOW_ID}`, {
          detail:
            `StartWorkflowExecution ${PROBE_WORKFLOW_ID} (task queue ` +
            `${PROBE_WORKFLOW_ID}) → run ${runId}; TerminateWorkflowExecution → ok`,
        });
      },
    },
  ];
}
