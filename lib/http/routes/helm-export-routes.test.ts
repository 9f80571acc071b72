import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { openProject, type Project } from "../../stack/project-context";
import { handleRoute } from "../route-handler";
import { getHelmExportResponse, readExportQuery } from "./helm-export-routes";
import { fileOnlyContext } from "../../../test/support/file-context";

describe("GET /api/export/helm", () => {
  let home: string;
  let project: Project;
  const GET = handleRoute(async (request: Request) => getHelmExportResponse(project, await readExportQuery(request)));
  const ask = (query: string) => GET(new Request(`http://127.0.0.1:3000/api/export/helm${query}`));
  beforeEach(async () => {
    home = await fs.mkdtemp(path.join(os.tmpdir(), "mycelium-helm-api-"));
    const config = 'version: "1.0"\nproject_name: shop\nservices:\n  temporal:\n    version: "1.32.2"\n';
    project = await openProject(await fileOnlyContext(home, config));
    // Even when the CLI would know the password, the route's answer holds none.
    vi.stubEnv("MYCELIUM_POSTGRES_PASSWORD", "never-in-an-answer");
  });
  afterEach(async () => {
    vi.unstubAllEnvs();
    await fs.rm(home, { recursive: true, force: true });
  });

  it("answers the values and notes, and the Secret by name only", async () => {
    const response = await ask("?postgresHost=db.internal&postgresPort=6432&postgresUser=temporal_app");
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).not.toContain("never-in-an-answer");
    const body = JSON.parse(text);
    expect(body.valuesYaml).toContain("connectAddr: db.internal:6432");
    expect(body.secret).toEqual({ name: "temporal-postgres", key: "password", namespace: "shop" });
    expect(body.notes).toContain("kubectl create secret generic temporal-postgres");
  });

  it("refuses a missing address and a bad port with their reasons", async () => {
    const missing = await ask("");
    expect(missing.status).toBe(400);
    expect((await missing.json()).error.code).toBe("bad_request:helm_database_address");
    const badPort = await ask("?postgresHost=db.internal&postgresPort=0");
    expect(badPort.status).toBe(400);
    expect((await badPort.json()).error.message).toContain("postgresPort");
  });
});
