import { z } from "zod";
import { exportHelm } from "../../export/helm-export";
import { HELM_CHART, HELM_EXPORT_FILES } from "../../export/helm-values";
import type { Project } from "../../stack/project-context";
import type { HelmExportResponse } from "../api-contract";
import { queryOf } from "../project-route";
import { jsonResponse } from "../route-handler";

/** The Helm export endpoint, app/api/export/helm. */

export const readExportQuery = queryOf(
  z.strictObject({
    postgresHost: z.string().trim().max(253).optional(),
    postgresPort: z.coerce.number().int().min(1).max(65535).optional(),
    // Managed servers have user names such as `temporal@server`: only the length is bounded.
    postgresUser: z.string().trim().max(128).optional(),
  }),
  "For example /api/export/helm?postgresHost=postgres.example.com&postgresPort=5432.",
);

/** GET /api/export/helm?postgresHost=…&postgresPort=…&postgresUser=…: the Secret by name only, never a password. */
export async function getHelmExportResponse(
  project: Project,
  { postgresHost, postgresPort, postgresUser }: Awaited<ReturnType<typeof readExportQuery>>,
): Promise<Response> {
  const postgres = { host: postgresHost || null, port: postgresPort ?? null, user: postgresUser || null };
  const result = await exportHelm(project, postgres, { withPassword: false });
  const { name, key, namespace } = result.secret;
  return jsonResponse<HelmExportResponse>({
    valuesYaml: result.valuesYaml,
    notes: result.notes,
    secret: { name, key, namespace },
    files: HELM_EXPORT_FILES,
    chart: HELM_CHART,
  });
}
