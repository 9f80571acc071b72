import { promises as fs, readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDashboard, type RunningDashboard } from "../support/dashboard-server";
import { docker } from "../support/docker-fixtures";
import { GUIDE_EXAMPLE_CONFIG } from "../support/guide-example";
import { readResponse } from "../support/http-answer";

/**
 * Every route gets random and hostile requests (seeded, bounded in count and time). None may
 * answer a server error, crash the server, or change state: the config file stays
 * byte-identical and no container of the project appears. A 503 with a typed
 * `unavailable:*` body (Temporal is not deployed here) is counted apart, not as a failure.
 */

const SEED = Number(process.env.FUZZ_SEED ?? 20261127);
const CASES = Number(process.env.FUZZ_CASES ?? 2000);
const TIME_BUDGET_MS = 150_000;

/**
 * Every API route the app has, read from app/api, so a new route is fuzzed without anyone
 * remembering to list it. Event streams are left out: they stay open until the client leaves
 * (the security tests check their Origin rules).
 */
function apiRoutes(directory = path.join(import.meta.dirname, "..", "..", "app", "api"), prefix = "/api"): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isFile() && entry.name === "route.ts") return prefix.endsWith("/events") ? [] : [prefix];
    return entry.isDirectory() ? apiRoutes(path.join(directory, entry.name), `${prefix}/${entry.name}`) : [];
  });
}

const ROUTES = apiRoutes();
const METHODS = ["GET", "POST", "PUT", "DELETE", "PATCH"];
const CONTENT_TYPES = [
  "application/json",
  "application/yaml",
  "text/plain",
  "multipart/form-data; boundary=x",
  "application/x-www-form-urlencoded",
  "",
  "application/json; charset=utf-16",
];

/** mulberry32: a tiny seeded PRNG, so a failure can be replayed with the same FUZZ_SEED. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const deep = (depth: number): string => (depth === 0 ? "1" : `{"a":${deep(depth - 1)}}`);

/** Fixed hostile bodies; each case also may get a fresh random string (see randomBody). */
const HOSTILE_BODIES: (string | Uint8Array)[] = [
  "",
  "null",
  "[]",
  "{}",
  '{"__proto__":{"polluted":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  '{"text": 12}',
  '{"text": null}',
  `{"text": ${JSON.stringify(GUIDE_EXAMPLE_CONFIG)}}`,
  '{"edits": {"services.postgres.port": 1}}',
  '{"edits": {"../../etc/passwd": "x"}}',
  '{"edits": {}}',
  '{"removeDataConfirmation": "x"}',
  '{"removeDataConfirmation": ["a"]}',
  `{"name": "${"n".repeat(300)}", "retentionHours": -1}`,
  '{"services": "postgres\\u0000"}',
  deep(500),
  `[${"1,".repeat(20_000)}1]`,
  "project_name: ../../etc\n",
  'a: &a ["x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a]\nc: [*b,*b,*b,*b,*b,*b,*b,*b]\n',
  "\t- tab\n",
  '\ufeffversion: "1.0"\n',
  new Uint8Array([0xff, 0xfe, 0x00, 0xc3, 0x28]),
  "{",
  '{"text":',
  "\u0000".repeat(100),
  "' OR 1=1 --",
  "<script>alert(1)</script>",
  "${jndi:ldap://x}",
  "x".repeat(1024 * 1024 + 10),
];

function randomBody(rand: () => number): string {
  return Array.from({ length: 1 + Math.floor(rand() * 2000) }, () =>
    String.fromCharCode(Math.floor(rand() * 0xffff)),
  ).join("");
}

const HOSTILE_QUERIES = [
  "",
  "?services=postgres",
  "?services=../../etc&tail=-1",
  "?tail=99999999999",
  "?tail=abc",
  `?services=${"a,".repeat(500)}`,
  "?limit=1e309",
  "?before=not-a-date",
  "?services=%00",
];

let dashboard: RunningDashboard;
let configBefore: string;

beforeAll(async () => {
  dashboard = await startDashboard();
  // A valid config, so that routes get past "no config" and exercise their own validation.
  const project = `fuzz-${process.pid}`;
  await fs.mkdir(dashboard.configPath.replace(/\/[^/]+$/, ""), { recursive: true });
  await fs.writeFile(
    dashboard.configPath,
    GUIDE_EXAMPLE_CONFIG.replace("project_name: temporal-deployment", `project_name: ${project}`),
  );
  configBefore = await fs.readFile(dashboard.configPath, "utf8");
});

afterAll(async () => {
  await dashboard?.stop();
});

describe("hostile requests", () => {
  it(`answers ${CASES} random and hostile requests without a 5xx or a state change`, async () => {
    expect(ROUTES).toEqual(
      expect.arrayContaining(["/api/config", "/api/deploy", "/api/deploy/reuse-postgres", "/api/logs"]),
    );
    expect(ROUTES.filter((route) => route.endsWith("/events"))).toEqual([]);
    const rand = random(SEED);
    const pick = <T>(items: T[]) => items[Math.floor(rand() * items.length)]!;
    const started = Date.now();
    const serverErrors: string[] = [];
    let dependencyDown = 0;
    const timeByRoute = new Map<string, number>();
    let sent = 0;
    for (; sent < CASES && Date.now() - started < TIME_BUDGET_MS; sent++) {
      const method = pick(METHODS);
      const route = pick(ROUTES) + pick(HOSTILE_QUERIES);
      const body = method === "GET" ? undefined : rand() < 0.15 ? randomBody(rand) : pick(HOSTILE_BODIES);
      const headers: Record<string, string> = { origin: dashboard.url };
      const contentType = pick(CONTENT_TYPES);
      if (contentType) headers["content-type"] = contentType;
      if (rand() < 0.3) headers["if-match"] = pick(['"absent"', '"stale"', "*", ""]);
      // An empty POST /api/deploy is the legitimate "deploy now": it is not a hostile request.
      if (method === "POST" && /^\/api\/deploy(\?|$)/.test(route) && (body === "" || body === "{}")) continue;
      const requestStarted = Date.now();
      const response = await fetch(`${dashboard.url}${route}`, {
        method,
        headers,
        body: body instanceof Uint8Array ? new Blob([Buffer.from(body)]) : body,
        signal: AbortSignal.timeout(15_000),
      }).catch((error: Error) => ({ status: 599, text: async () => error.message }) as unknown as Response);
      const key = `${method} ${route.split("?")[0]}`;
      timeByRoute.set(key, (timeByRoute.get(key) ?? 0) + Date.now() - requestStarted);
      const text = await response.text().catch(() => "");
      // 503 with a typed `unavailable:*` error is the honest answer when a dependency (Temporal,
      // not deployed here) is down; anything else at 5xx is a server error.
      if (response.status === 503 && /"code":"unavailable:/.test(text)) dependencyDown++;
      else if (response.status >= 500)
        serverErrors.push(`${method} ${route} → ${response.status}: ${text.slice(0, 200)}`);
    }
    const slowest = [...timeByRoute]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 3)
      .map(([key, ms]) => `${key} ${ms} ms`);
    console.log(
      `fuzz: ${sent} requests (seed ${SEED}) in ${Date.now() - started} ms, ${serverErrors.length} server ` +
        `errors (5xx), ${dependencyDown} typed 503 "dependency unavailable"; most time: ${slowest.join(", ")}`,
    );
    expect(serverErrors).toEqual([]);
    expect(sent).toBeGreaterThanOrEqual(Math.min(CASES, 1000));
    expect(await readResponse(await fetch(`${dashboard.url}/api/health`))).toHaveStatus(200);
    expect(await fs.readFile(dashboard.configPath, "utf8")).toBe(configBefore);
    const project = configBefore.match(/project_name: (\S+)/)![1]!;
    expect(
      await docker.listContainers({ all: true, filters: { label: [`com.docker.compose.project=${project}`] } }),
    ).toEqual([]);
  }, 240_000);
});
