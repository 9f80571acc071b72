import { CHECK_IDS, REMEDIES } from "./check-ids";
import { httpGet } from "./http-probe";
import { portCheck } from "./port-check";
import { httpBaseUrl } from "../net/host-port";
import type { ValidationContext } from "./validation-context";
import { fail, pass, type CheckDefinition } from "./validation-check";
import type { ValidationOptions } from "./validation-options";

type Check = CheckDefinition<ValidationContext>;

function errorText(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  return e.code
    ? `${e.code}${e.message && !e.message.includes(e.code) ? `: ${e.message}` : ""}`
    : String(e.message ?? error);
}

/** The UI is optional: its checks make a report degraded, never unhealthy. */
export function uiChecks(options: ValidationOptions, uiPort: number): Check[] {
  const base = httpBaseUrl(options.temporalHost, uiPort);
  const timeout = options.checkTimeoutMs;
  return [
    portCheck(
      {
        id: CHECK_IDS.uiPort,
        label: "Temporal UI port",
        component: "ui",
        host: options.temporalHost,
        port: uiPort,
        remedy: REMEDIES.uiNotAccessible,
        hint: "The UI is optional: the server works without it. It can take a minute to start.",
      },
      options,
    ),
    {
      id: CHECK_IDS.uiHealthz,
      title: "Temporal UI /healthz",
      category: "health",
      component: "ui",
      dependsOn: [CHECK_IDS.uiPort],
      remedy: REMEDIES.uiNotAccessible,
      async run(_context, signal) {
        try {
          const response = await httpGet(`${base}/healthz`, timeout, signal);
          if (response.status === 200) return pass("Temporal UI answers GET /healthz with 200");
          return fail(`Temporal UI answers GET /healthz with ${response.status}`, {
            detail: response.body.slice(0, 500),
          });
        } catch (error) {
          return fail(`Temporal UI did not answer GET /healthz: ${errorText(error)}`);
        }
      },
    },
    {
      id: CHECK_IDS.uiClusterInfo,
      title: "Temporal UI → server",
      category: "health",
      component: "ui",
      // Through the UI to the server: a down server is the server's failure, not the UI's.
      dependsOn: options.checkTemporal ? [CHECK_IDS.uiHealthz, CHECK_IDS.temporalHealth] : [CHECK_IDS.uiHealthz],
      remedy: REMEDIES.uiNotAccessible,
      async run(_context, signal) {
        let response;
        try {
          response = await httpGet(`${base}/api/v1/cluster-info`, timeout, signal);
        } catch (error) {
          return fail(`Temporal UI did not answer GET /api/v1/cluster-info: ${errorText(error)}`);
        }
        let body: { clusterName?: string; serverVersion?: string; message?: string } = {};
        try {
          body = JSON.parse(response.body) as typeof body;
        } catch {
          // A non-JSON answer is reported below with its status.
        }
        if (response.status === 200 && (body.clusterName || body.serverVersion)) {
          return pass(
            `The UI reaches Temporal: cluster ${body.clusterName ?? "?"}, server ${body.serverVersion ?? "?"}`,
          );
        }
        return fail(
          `The UI cannot reach Temporal: GET /api/v1/cluster-info answered ` +
            `${response.status}${body.message ? ` (${body.message})` : ""}`,
          {
            detail: response.body.slice(0, 500),
            hint: "The UI container's TEMPORAL_ADDRESS must name the Temporal service on the stack's network.",
          },
        );
      },
    },
  ];
}
