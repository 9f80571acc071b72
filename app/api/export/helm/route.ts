import { withProject } from "@/lib/http/project-route";
import { getHelmExportResponse, readExportQuery } from "@/lib/http/routes/helm-export-routes";

export const GET = withProject(readExportQuery, getHelmExportResponse);
