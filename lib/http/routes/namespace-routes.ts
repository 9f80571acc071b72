import { z } from "zod";
import type { Project } from "../../stack/project-context";
import { withConfiguredTemporal } from "../../temporal/configured-temporal";
import { MIN_RETENTION_HOURS, NAMESPACE_NAME_PATTERN } from "../../temporal/namespace-name";
import { listNamespaces, registerNamespace } from "../../temporal/namespaces";
import type { NamespaceRegisteredResponse, NamespacesResponse } from "../api-contract";
import { jsonResponse } from "../route-handler";

/** The namespace endpoints, app/api/namespaces. */

export async function getNamespacesResponse(project: Project): Promise<Response> {
  return jsonResponse<NamespacesResponse>({
    namespaces: await withConfiguredTemporal(project, (connection) => listNamespaces(connection)),
  });
}

export const registerNamespaceSchema = z.strictObject({
  name: z.string().regex(NAMESPACE_NAME_PATTERN, "2–255 letters, digits, '.', '_' or '-'"),
  retentionHours: z
    .number()
    .int()
    .min(MIN_RETENTION_HOURS, "at least 1 hour")
    .max(24 * 365 * 10),
  description: z.string().max(1000).optional(),
});

export async function postNamespaceResponse(
  project: Project,
  input: z.output<typeof registerNamespaceSchema>,
): Promise<Response> {
  await withConfiguredTemporal(project, (connection) => registerNamespace(connection, input));
  return jsonResponse<NamespaceRegisteredResponse>({ registered: input.name }, { status: 201 });
}
