import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { jsonBody, withProject } from "../project-route";
import { postPostgresUrlResponse } from "./secrets-routes";
import { connectEngine } from "../../stack/engine-target";
import { openProject, type Project } from "../../stack/project-context";
import { getConnectResponse, postProfileResponse, profileWriteSchema } from "./connect-routes";

const PASSWORD = "Secret+Pass/1";

/** These routes only read files: the engine is never called. */
const engine = connectEngine({ kind: "unix", socketPath: "/nonexistent" });

describe("the connect routes", () => {
  let home: string;
  let project: Project;
  beforeEach(async () => {
    home = await fs.mkdtemp(path.join(os.tmpdir(), "mycelium-connect-"));
    await fs.writeFile(path.join(home, "config.yaml"), 'version: "1.0"\nproject_name: apitest\n');
    const deployment = path.join(home, "data", "mycelium", "deployments", "apitest");
    await fs.mkdir(deployment, { recursive: true });
    await fs.writeFile(path.join(deployment, ".env"), `POSTGRES_USER=postgres\nPOSTGRES_PASSWORD=${PASSWORD}\n`);
    vi.stubEnv("TEMPORAL_CONFIG_FILE", path.join(home, "temporal.toml"));
    const paths = {
      configPath: path.join(home, "config.yaml"),
      deploymentsRoot: path.join(home, "data", "mycelium", "deployments"),
      stateDirectory: path.join(home, "state"),
    };
    project = await openProject({ paths, engine });
  });
  afterEach(async () => {
    vi.unstubAllEnvs();
    await fs.rm(home, { recursive: true, force: true });
  });

  const post = (url: string, body?: unknown) =>
    new Request(`http://127.0.0.1${url}`, {
      method: "POST",
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  it("GET answers the facts without the password; only the reveal POST holds it", async () => {
    const text = await (await getConnectResponse(project)).text();
    expect(text).toContain("postgresql://postgres:****@127.0.0.1:5432/temporal");
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain(encodeURIComponent(PASSWORD));
    const answer = await postPostgresUrlResponse(project);
    const revealed = (await answer.json()) as { url: string };
    expect(new URL(revealed.url).password).toBe(encodeURIComponent(PASSWORD));
  });

  it("writes the profile it is asked for, and refuses a name that is not a bare key", async () => {
    const written = await (await postProfileResponse(project, { name: "apitest" })).json();
    expect(written).toEqual({ path: path.join(home, "temporal.toml"), profile: "apitest", outcome: "created" });
    const refused = await withProject(
      jsonBody(profileWriteSchema),
      postProfileResponse,
    )(post("/api/connect/profile", { name: "a.b]" }));
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ error: { code: "bad_request:invalid_field" } });
  });
});
