import { noInput, jsonBody, withProject } from "@/lib/http/project-route";
import {
  getNamespacesResponse,
  postNamespaceResponse,
  registerNamespaceSchema,
} from "@/lib/http/routes/namespace-routes";

export const GET = withProject(noInput, getNamespacesResponse);

export const POST = withProject(jsonBody(registerNamespaceSchema), postNamespaceResponse);
