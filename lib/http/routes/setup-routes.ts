import { z } from "zod";
import { checkEngine } from "../../docker/docker-client";
import type { ProjectContext } from "../../stack/project-context";
import { probePort } from "../../detect/port-probe";
import { MyceliumError } from "../../errors";
import { describeEngine } from "../../stack/engine-target";
import type { EngineResponse, EngineTargetResponse, PortAvailability, PortsResponse } from "../api-contract";
import { jsonResponse } from "../route-handler";

/** The first-run page's live checks: is the engine there, and which ports are free. */

export async function getEngineResponse({ engine }: ProjectContext): Promise<Response> {
  return jsonResponse<EngineResponse>({ engine: await checkEngine(engine.docker), platform: process.platform });
}

/** Every page's header line: which engine this dashboard drives, even when that engine does not answer. */
export async function getEngineTargetResponse({ engine }: ProjectContext): Promise<Response> {
  return jsonResponse<EngineTargetResponse>({
    engine: describeEngine(engine.endpoint),
    remote: engine.remoteHost !== null,
  });
}

const portsQuery = z.object({
  ports: z
    .string()
    .max(200)
    .transform((text) => text.split(",").map(Number))
    .pipe(z.array(z.number().int().min(1).max(65535)).min(1).max(8)),
});

const SUGGESTION_RANGE = 20;

async function nextFreePort(host: string, port: number, taken: Set<number>): Promise<number | null> {
  for (let candidate = port + 1; candidate <= Math.min(65535, port + SUGGESTION_RANGE); candidate++) {
    if (taken.has(candidate)) continue;
    if (!(await probePort(host, candidate, 300)).open) return candidate;
  }
  return null;
}

/** Which of the ports are free on the engine's machine, where the stack will publish them. */
export async function getPortsResponse(
  context: ProjectContext,
  _input: undefined,
  request: Request,
): Promise<Response> {
  const parsed = portsQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) {
    throw new MyceliumError("bad_request:ports", "ports must be 1 to 8 port numbers (1–65535), separated by commas.", {
      hint: "For example /api/ports?ports=5432,7233,8080.",
    });
  }
  const ports = parsed.data.ports;
  const host = context.engine.machineHost;
  const taken = new Set(ports);
  const results: PortAvailability[] = await Promise.all(
    ports.map(async (port) => {
      const probe = await probePort(host, port, 300);
      if (!probe.open) return { port, free: true, holder: null, suggestion: null };
      return { port, free: false, holder: probe.description, suggestion: await nextFreePort(host, port, taken) };
    }),
  );
  return jsonResponse<PortsResponse>({ ports: results });
}
