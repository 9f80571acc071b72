import { promises as fs } from "node:fs";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startDashboard, type RunningDashboard } from "../support/dashboard-server";
import { GUIDE_EXAMPLE_CONFIG } from "../support/guide-example";
import { readResponse, type HttpAnswer } from "../support/http-answer";

let dashboard: RunningDashboard;
let origin: string;

beforeAll(async () => {
  dashboard = await startDashboard();
  origin = dashboard.url;
});
afterAll(async () => {
  await dashboard?.stop();
});
beforeEach(async () => {
  await fs.rm(dashboard.configPath, { force: true });
  await fs.rm(`${dashboard.configPath}.previous`, { force: true });
});

const writeHeaders = (extra: Record<string, string> = {}) => ({ origin, "content-type": "application/json", ...extra });

/** PUT the whole text, as the editor's Save does. */
async function saveConfig(etag: string, text: string) {
  return readResponse(
    await fetch(`${dashboard.url}/api/config`, {
      method: "PUT",
      headers: writeHeaders({ "if-match": etag }),
      body: JSON.stringify({ text }),
    }),
  );
}

async function getConfig() {
  const response = await readResponse(await fetch(`${dashboard.url}/api/config`));
  expect(response).toHaveStatus(200);
  return response.json<{
    exists: boolean;
    text: string;
    etag: string;
    valid: boolean;
    findings: { code: string; line?: number }[];
  }>();
}

describe("config API", () => {
  it("reports a missing file with a finding that says how to create one", async () => {
    const config = await getConfig();
    expect(config.exists).toBe(false);
    expect(config.findings[0]?.code).toBe("config-missing");
  });

  it("saves the guide's example atomically and reads it back with its ETag", async () => {
    const { etag } = await getConfig();
    const put = await saveConfig(etag, GUIDE_EXAMPLE_CONFIG);
    expect(put).toHaveStatus(200);
    const saved = await getConfig();
    expect(saved).toMatchObject({ exists: true, valid: true, text: GUIDE_EXAMPLE_CONFIG });
    expect(saved.etag).toBe(put.headers.get("etag"));
    expect((await fs.stat(dashboard.configPath)).mode & 0o777).toBe(0o600);
  });

  it("answers 409 to a stale write and leaves the newer file alone", async () => {
    const { etag } = await getConfig();
    expect(await saveConfig(etag, GUIDE_EXAMPLE_CONFIG)).toHaveStatus(200);
    await fs.writeFile(dashboard.configPath, GUIDE_EXAMPLE_CONFIG.replace("port: 5432", "port: 5433"));
    const stale = await saveConfig(etag, GUIDE_EXAMPLE_CONFIG);
    expect(stale).toHaveStatus(409);
    expect(await fs.readFile(dashboard.configPath, "utf8")).toContain("port: 5433");
  });

  it("requires If-Match on writes", async () => {
    const response = await readResponse(
      await fetch(`${dashboard.url}/api/config`, {
        method: "PUT",
        headers: writeHeaders(),
        body: JSON.stringify({ text: "a: 1" }),
      }),
    );
    expect(response).toHaveStatus(428);
  });

  it("refuses to save an invalid config, names the problem and keeps the old file", async () => {
    const { etag } = await getConfig();
    expect(await saveConfig(etag, GUIDE_EXAMPLE_CONFIG)).toHaveStatus(200);
    const { etag: savedEtag } = await getConfig();
    const response = await saveConfig(savedEtag, GUIDE_EXAMPLE_CONFIG.replace("port: 5432", "port: 70000"));
    expect(response).toHaveStatus(400);
    const body = response.json<{ error: { code: string }; findings: { path: string; line: number }[] }>();
    expect(body.error.code).toBe("bad_request:config_invalid");
    expect(body.findings.some((f) => f.path === "services.postgres.port" && f.line > 0)).toBe(true);
    expect(await fs.readFile(dashboard.configPath, "utf8")).toBe(GUIDE_EXAMPLE_CONFIG);
  });

  it("applies field edits and keeps the user's comments", async () => {
    const { etag } = await getConfig();
    const commented = `# my notes\n${GUIDE_EXAMPLE_CONFIG}`;
    expect(await saveConfig(etag, commented)).toHaveStatus(200);
    const { etag: savedEtag } = await getConfig();
    const response = await readResponse(
      await fetch(`${dashboard.url}/api/config`, {
        method: "PUT",
        headers: writeHeaders({ "if-match": savedEtag }),
        body: JSON.stringify({ edits: { "services.postgres.port": 5544 } }),
      }),
    );
    expect(response).toHaveStatus(200);
    const text = await fs.readFile(dashboard.configPath, "utf8");
    expect(text).toContain("# my notes");
    expect(text).toContain("port: 5544");
    expect(await fs.readFile(`${dashboard.configPath}.previous`, "utf8")).toBe(commented);
  });

  it("resets to the commented defaults", async () => {
    const { etag } = await getConfig();
    const response = await readResponse(
      await fetch(`${dashboard.url}/api/config/reset`, { method: "POST", headers: writeHeaders({ "if-match": etag }) }),
    );
    expect(response).toHaveStatus(200);
    const config = await getConfig();
    expect(config.valid).toBe(true);
    expect(config.text).toMatch(/^#/m);
  });
});

describe("config validation endpoint", () => {
  const validate = async (body: string | Blob, contentType = "application/yaml") =>
    readResponse(
      await fetch(`${dashboard.url}/api/config/validate`, {
        method: "POST",
        headers: { origin, "content-type": contentType },
        body,
      }),
    );

  it("returns findings with line and column for a bad port", async () => {
    const response = await validate(GUIDE_EXAMPLE_CONFIG.replace("port: 5432", 'port: "5432"'));
    expect(response).toHaveStatus(200);
    const body = response.json<{ valid: boolean; findings: { path: string; line: number; column: number }[] }>();
    expect(body.valid).toBe(false);
    const finding = body.findings.find((f) => f.path === "services.postgres.port");
    expect(finding?.line).toBe(GUIDE_EXAMPLE_CONFIG.split("\n").findIndex((l) => l.includes("port: 5432")) + 1);
  });

  it.each([
    ["malformed YAML", "services: [", /.+/],
    ["an empty file", "", /empty/i],
    ["tabs", 'version: "1.0"\nservices:\n\tpostgres: {}\n', /tab/i],
    ["a hostile project name", 'project_name: "../../etc"\n', /project_name/],
    [
      "an alias bomb",
      'a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c ' +
        "[*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e " +
        "[*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n",
      /alias/i,
    ],
  ])("explains %s", async (_name, text, pattern) => {
    const response = await validate(text);
    expect(response).toHaveStatus(200);
    const body = response.json<{ valid: boolean; findings: { severity: string; message: string }[] }>();
    expect(body.valid).toBe(false);
    expect(
      body.findings
        .filter((f) => f.severity === "error")
        .map((f) => f.message)
        .join("\n"),
    ).toMatch(pattern);
  });

  it("turns non-UTF-8 bytes into a finding", async () => {
    const response = await validate(new Blob([new Uint8Array([0x76, 0x3a, 0x20, 0xff, 0xfe, 0x0a])]));
    expect(response).toHaveStatus(200);
    const body = response.json<{ valid: boolean; findings: { message: string }[] }>();
    expect(body.valid).toBe(false);
    expect(body.findings[0]?.message).toMatch(/UTF-8/);
  });

  it("refuses a 5 MiB body with 413 and a wrong media type with 415", async () => {
    const huge = "#".repeat(5 * 1024 * 1024);
    expect(await validate(huge)).toHaveStatus(413);
    const wrongType = await validate("a: 1", "application/x-www-form-urlencoded");
    expect(wrongType).toHaveStatus(415);
    expect(wrongType.json<{ error: { message: string } }>().error.message).toMatch(/does not accept/);
  });
});

describe("request guard", () => {
  it("refuses a foreign Host header (DNS rebinding) with 403 JSON", async () => {
    // fetch() cannot override Host, so talk HTTP by hand.
    const { request } = await import("node:http");
    const answer = await new Promise<HttpAnswer>((resolve, reject) => {
      const req = request(
        { host: "127.0.0.1", port: dashboard.port, path: "/api/config", headers: { host: "attacker.example" } },
        (res) => {
          let text = "";
          res.setEncoding("utf8");
          res.on("data", (chunk: string) => (text += chunk));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
          res.on("error", reject);
        },
      );
      req.on("error", reject);
      req.end();
    });
    expect(answer).toHaveStatus(403);
  });

  it("refuses cross-origin and origin-less writes", async () => {
    const { etag } = await getConfig();
    const crossSite = await readResponse(
      await fetch(`${dashboard.url}/api/config`, {
        method: "PUT",
        headers: { origin: "http://evil.example", "content-type": "application/json", "if-match": etag },
        body: JSON.stringify({ text: GUIDE_EXAMPLE_CONFIG }),
      }),
    );
    expect(crossSite).toHaveStatus(403);
    expect(crossSite.json<{ error: { code: string } }>().error.code).toBe("forbidden:cross_origin");
    const noOrigin = await readResponse(
      await fetch(`${dashboard.url}/api/config/validate`, {
        method: "POST",
        headers: { "content-type": "application/yaml" },
        body: "a: 1",
      }),
    );
    expect(noOrigin).toHaveStatus(403);
    expect((await getConfig()).exists).toBe(false);
  });

  it("never answers with a stack trace", async () => {
    const response = await readResponse(
      await fetch(`${dashboard.url}/api/config`, {
        method: "PUT",
        headers: writeHeaders({ "if-match": '"x"' }),
        body: "{not json",
      }),
    );
    expect(response).toHaveStatus(400);
    const { text } = response;
    expect(text).not.toMatch(/at .+\.(ts|js):\d+/);
    expect(JSON.parse(text)).toMatchObject({ error: { code: "bad_request:json" } });
  });
});
