import { promises as fs, readdirSync, readlinkSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseDockerLogs } from "../../lib/logs/docker-log-parser";
import type { LogLine } from "../../lib/logs/log-line";
import { readOlderLines, readProjectLogs } from "../../lib/logs/log-reader";
import {
  followProjectLogs,
  logStreamCounters,
  type AttachNotice,
  type LogFollower,
} from "../../lib/logs/project-log-stream";
import { startDashboard, type RunningDashboard } from "../support/dashboard-server";
import { readResponse, readStreamStatus } from "../support/http-answer";
import {
  docker,
  ensureLocalImage,
  removeProject,
  requireTestImages,
  TEST_IMAGES,
  uniqueProjectName,
} from "../support/docker-fixtures";

/**
 * The log pipeline against the real engine: busybox containers labelled like a compose
 * project write known lines to stdout and stderr; the lib and the built dashboard's endpoint
 * must deliver them in order, with streams, service names and Docker's timestamps, re-attach
 * across restarts and recreates without repeating or losing a line, release everything when
 * the client goes away, and hold a bounded number of lines when the reader is slow.
 */

const PASSWORD = "Zq9-logs-secret-4711";
/** Each run of the container counts itself in a file that survives a restart. */
const WRITER = [
  "n=$(cat /tmp/runs 2>/dev/null || echo 0); n=$((n+1)); echo $n > /tmp/runs",
  `printf '\\033[31mred run %s\\033[0m plain\\n' $n`,
  `echo "connecting with password ${PASSWORD} to db"`,
  'i=0; while true; do echo "out r$n i$i"; echo "err r$n i$i" >&2; i=$((i+1)); sleep 0.05; done',
].join("; ");
const FAST_WRITER = 'while true; do seq 1 2000 | sed "s/^/fast line /"; done';

const projects: string[] = [];

function labels(project: string, service: string): Record<string, string> {
  return {
    "com.docker.compose.project": project,
    "com.docker.compose.service": service,
    "com.docker.compose.oneoff": "False",
    "com.docker.compose.container-number": "1",
  };
}

async function createWriter(
  project: string,
  service: string,
  script = WRITER,
  name = `${project}-${service}`,
): Promise<string> {
  const container = await docker.createContainer({
    name,
    Image: TEST_IMAGES.busybox,
    Cmd: ["sh", "-c", script],
    Labels: labels(project, service),
    HostConfig: { LogConfig: { Type: "json-file", Config: {} } },
  });
  await container.start();
  return container.id;
}

function newProject(prefix: string): string {
  const project = uniqueProjectName(prefix);
  projects.push(project);
  return project;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitUntil(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

/** Every line the engine holds for a container (framed, so stdout and stderr stay apart). */
async function engineLines(id: string, service: string): Promise<LogLine[]> {
  const container = docker.getContainer(id);
  const raw = await container.logs({ follow: false, stdout: true, stderr: true, timestamps: true, tail: 100_000 });
  return parseDockerLogs(raw as Buffer, false).map((line) => ({ service, ...line }));
}

const key = (line: Pick<LogLine, "stream" | "text" | "ts">) => `${line.ts} ${line.stream} ${line.text}`;

interface Collected {
  lines: LogLine[];
  attaches: AttachNotice[];
  follower: LogFollower;
}

async function collect(
  project: string,
  services: string[] | null,
  tail: number,
  secrets: string[] = [],
): Promise<Collected> {
  const lines: LogLine[] = [];
  const attaches: AttachNotice[] = [];
  const follower = await followProjectLogs({
    docker,
    project,
    services,
    tail,
    secrets,
    deliver: (batch) => {
      lines.push(...batch);
      return true;
    },
    onAttach: (notice) => attaches.push(notice),
  });
  return { lines, attaches, follower };
}

const count = (lines: LogLine[], pattern: RegExp) => lines.filter((line) => pattern.test(line.text)).length;

function expectNoDuplicates(lines: LogLine[]): void {
  const seen = new Set<string>();
  const duplicates = lines.filter((line) => {
    const k = `${line.service} ${key(line)}`;
    if (seen.has(k)) return true;
    seen.add(k);
    return false;
  });
  expect(duplicates).toEqual([]);
}

/** Within one stream of one run, the counters must go up by one: nothing lost, nothing twice. */
function expectConsecutive(lines: LogLine[], service: string, stream: "stdout" | "stderr"): void {
  const byRun = new Map<string, number[]>();
  for (const line of lines) {
    if (line.service !== service || line.stream !== stream) continue;
    const match = /^(?:out|err) r(\d+) i(\d+)$/.exec(line.text);
    if (!match) continue;
    const list = byRun.get(match[1]!) ?? [];
    list.push(Number(match[2]));
    byRun.set(match[1]!, list);
  }
  for (const [run, counters] of byRun) {
    const gaps = counters.slice(1).filter((value, index) => value !== counters[index]! + 1);
    expect(gaps, `run ${run} ${stream}: ${counters.join(",")}`).toEqual([]);
  }
}

beforeAll(async () => {
  await requireTestImages();
  await ensureLocalImage(TEST_IMAGES.busybox);
});

afterAll(async () => {
  for (const project of projects) await removeProject(project);
});

describe("followProjectLogs (lib)", () => {
  it("delivers stdout and stderr with service names and Docker timestamps, merged in order", async () => {
    const project = newProject("it-logs");
    const postgres = await createWriter(project, "postgres");
    await createWriter(project, "temporal");
    await sleep(600);
    // Frozen while we connect, so "the tail" is exactly the lines written before, however slow the attach.
    await docker.getContainer(postgres).pause();
    const connectedAt = Date.now();
    const { lines, follower } = await collect(project, null, 5, [PASSWORD]);
    await docker.getContainer(postgres).unpause();
    try {
      await waitUntil(() => count(lines, /^out r1 i/) > 40, 10_000, "40 stdout lines");
    } finally {
      follower.close();
    }
    expect(new Set(lines.map((l) => l.service))).toEqual(new Set(["postgres", "temporal"]));
    expect(new Set(lines.map((l) => l.stream))).toEqual(new Set(["stdout", "stderr"]));
    for (const line of lines) {
      expect(line.ts).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z$/);
      expect(Math.abs(Date.parse(line.ts) - Date.now())).toBeLessThan(60_000);
    }
    // Every batch leaves in time order; the merged backlog too.
    const backlog = lines.slice(0, 20);
    expect(backlog.map((l) => l.ts)).toEqual([...backlog.map((l) => l.ts)].sort());
    for (const service of ["postgres", "temporal"]) {
      expectConsecutive(lines, service, "stdout");
      expectConsecutive(lines, service, "stderr");
    }
    expectNoDuplicates(lines);
    // The tail: 5 lines per container from before the connection (not the whole log), then live.
    const engine = await engineLines(postgres, "postgres");
    const firstSeen = lines.find((l) => l.service === "postgres")!;
    expect(engine.findIndex((l) => l.ts === firstSeen.ts)).toBeGreaterThan(5);
    const history = lines.filter((l) => l.service === "postgres" && Date.parse(l.ts) < connectedAt).length;
    expect(history).toBe(5);
    // Lines are redacted, ANSI escapes are passed through for the viewer to draw.
    const all = await readProjectLogs(docker, project, { services: ["postgres"], tail: 10_000, secrets: [PASSWORD] });
    expect(all.find((l) => l.text.includes("connecting with password"))!.text).not.toContain(PASSWORD);
    expect(all.find((l) => l.text.includes("red run"))!.text).toBe("\x1b[31mred run 1\x1b[0m plain");
    expect(all.every((l) => l.service === "postgres")).toBe(true);
  });

  it("re-attaches after a restart: the new run's lines keep coming, none repeated or lost", async () => {
    const project = newProject("it-logs-restart");
    const id = await createWriter(project, "postgres");
    await sleep(400);
    const { lines, attaches, follower } = await collect(project, ["postgres"], 3);
    try {
      await waitUntil(() => count(lines, /^out r1 /) >= 10, 10_000, "run 1 lines");
      await docker.getContainer(id).restart({ t: 0 });
      await waitUntil(() => count(lines, /^out r2 /) >= 10, 15_000, "run 2 lines after the restart");
      await docker.getContainer(id).restart({ t: 0 });
      await waitUntil(() => count(lines, /^out r3 /) >= 10, 15_000, "run 3 lines after a second restart");
    } finally {
      follower.close();
    }
    expect(attaches.map((a) => a.reason)).toEqual(["initial", "restart", "restart"]);
    expectNoDuplicates(lines);
    expectConsecutive(lines, "postgres", "stdout");
    expectConsecutive(lines, "postgres", "stderr");
    // Each new run is seen from its first line.
    expect(lines.some((l) => l.text === "out r2 i0")).toBe(true);
    expect(lines.some((l) => l.text.includes("red run 3"))).toBe(true);
    // Against the engine's own record: every line between our first and last is there, once.
    const engine = (await engineLines(id, "postgres")).filter((l) => l.ts >= lines[0]!.ts && l.ts <= lines.at(-1)!.ts);
    expect(lines.map(key).sort()).toEqual(engine.map(key).sort());
  });

  it("re-attaches when the container is removed and created again with the same labels", async () => {
    const project = newProject("it-logs-recreate");
    const first = await createWriter(project, "temporal");
    await sleep(300);
    const { lines, attaches, follower } = await collect(project, ["temporal"], 0);
    try {
      await waitUntil(() => count(lines, /^out r1 /) >= 5, 10_000, "first container's lines");
      await docker.getContainer(first).remove({ force: true });
      const second = await createWriter(project, "temporal", WRITER.replace("out r$n", "new r$n"));
      await waitUntil(() => count(lines, /^new r1 /) >= 5, 15_000, "the recreated container's lines");
      expect(attaches.map((a) => [a.reason, a.containerId])).toEqual([
        ["initial", first],
        ["recreate", second],
      ]);
      // The new container is read from its first line.
      expect(lines.some((l) => l.text === "new r1 i0")).toBe(true);
    } finally {
      follower.close();
    }
    expectNoDuplicates(lines);
  });

  it("releases every Docker stream and the event listener after 100 connects and disconnects", async () => {
    const project = newProject("it-logs-cleanup");
    await createWriter(project, "postgres");
    await createWriter(project, "temporal");
    await sleep(300);
    // Warm the client once so pooled sockets (if any) exist before the baseline is taken.
    (await collect(project, null, 1)).follower.close();
    await sleep(300);
    const baselineSockets = openSockets("self");
    expect(logStreamCounters()).toEqual({ followers: 0, dockerLogStreams: 0, eventStreams: 0 });

    let sawOpen = 0;
    for (let cycle = 0; cycle < 100; cycle++) {
      const { lines, follower } = await collect(project, null, 10);
      const open = logStreamCounters();
      if (open.dockerLogStreams === 2 && open.eventStreams === 1 && open.followers === 1) sawOpen++;
      // Half the clients leave at once, half after reading something.
      if (cycle % 2 === 1) await waitUntil(() => lines.length > 0, 5_000, "first lines");
      follower.close();
      expect(logStreamCounters()).toEqual({ followers: 0, dockerLogStreams: 0, eventStreams: 0 });
    }
    expect(sawOpen).toBe(100);
    await sleep(500);
    expect(openSockets("self")).toBeLessThanOrEqual(baselineSockets + 1);
  });

  it("applies back-pressure: a reader that stops keeps the buffered lines bounded", async () => {
    const project = newProject("it-logs-pressure");
    await createWriter(project, "postgres", FAST_WRITER);
    let received = 0;
    let full = true;
    const follower = await followProjectLogs({
      docker,
      project,
      services: null,
      tail: 0,
      deliver: (batch) => {
        received += batch.length;
        return !full;
      },
    });
    try {
      // One batch is taken, then the reader says it is full and goes quiet for 3 s.
      await waitUntil(() => received > 0, 10_000, "the first batch");
      const atStop = received;
      await sleep(3_000);
      const stats = follower.stats();
      expect(received).toBe(atStop);
      expect(stats.paused).toBe(true);
      // One batch (500) plus what the socket had already read when paused.
      expect(stats.maxPendingLines, `held at most ${stats.maxPendingLines} lines`).toBeLessThan(5_000);
      expect(process.memoryUsage().rss).toBeLessThan(1024 * 1024 * 1024);
      // The reader comes back: lines flow again, still bounded.
      full = false;
      follower.resume();
      await waitUntil(() => received > atStop + 20_000, 20_000, "lines after resuming");
      expect(follower.stats().maxPendingLines).toBeLessThan(5_000);
    } finally {
      follower.close();
    }
  });

  it("pages back through older lines with until + tail", async () => {
    const project = newProject("it-logs-page");
    const id = await createWriter(project, "postgres");
    await sleep(2_500);
    // Pages come in time order (the engine's file order can put stderr a hair after stdout).
    const engine = (await engineLines(id, "postgres")).sort((a, b) => (a.ts < b.ts ? -1 : a.ts > b.ts ? 1 : 0));
    const pivot = engine[Math.floor(engine.length / 2)]!;
    const page = await readOlderLines(docker, project, { service: "postgres", before: pivot.ts, limit: 15 });
    const expected = engine.filter((l) => l.ts < pivot.ts).slice(-15);
    expect(page.lines.map(key)).toEqual(expected.map(key));
    expect(page.hasMore).toBe(true);
    // Paging past the start ends with what is there and says so.
    const start = await readOlderLines(docker, project, { service: "postgres", before: engine[5]!.ts, limit: 50 });
    expect(start.lines.map(key)).toEqual(engine.slice(0, 5).map(key));
    expect(start.hasMore).toBe(false);
  });
});

/** Sockets held open by a process (unix sockets to the engine included). */
function openSockets(pid: number | "self"): number {
  let sockets = 0;
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      if (readlinkSync(`/proc/${pid}/fd/${fd}`).startsWith("socket:")) sockets++;
    } catch {
      // closed while listing
    }
  }
  return sockets;
}

/** The process listening on a TCP port (the `next start` server under `mycelium serve`). */
function pidListeningOn(port: number): number {
  const hexPort = port.toString(16).toUpperCase().padStart(4, "0");
  const inodes = new Set<string>();
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    for (const row of readFileSync(table, "utf8").split("\n").slice(1)) {
      const fields = row.trim().split(/\s+/);
      if (fields[1]?.endsWith(`:${hexPort}`) && fields[3] === "0A") inodes.add(fields[9]!);
    }
  }
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      for (const fd of readdirSync(`/proc/${entry}/fd`)) {
        const target = readlinkSync(`/proc/${entry}/fd/${fd}`);
        const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
        if (inode && inodes.has(inode)) return Number(entry);
      }
    } catch {
      // not ours, or gone
    }
  }
  throw new Error(`nothing listens on port ${port}`);
}

interface SseEvent {
  event: string;
  id: string | null;
  data: unknown;
}

/** A minimal EventSource for Node: fetch + the text/event-stream framing. */
async function openStream(dashboard: RunningDashboard, query: string, headers: Record<string, string> = {}) {
  const controller = new AbortController();
  const response = await fetch(`${dashboard.url}/api/logs${query}`, {
    headers: { accept: "text/event-stream", origin: dashboard.url, ...headers },
    signal: controller.signal,
  });
  // A refusal is read whole here (and shown by toHaveStatus); a 2xx is the stream read below.
  const answer = await readStreamStatus(response);
  const events: SseEvent[] = [];
  const lines: LogLine[] = [];
  let done = false;
  const reading = (async () => {
    if (!response.body || response.bodyUsed) return;
    const decoder = new TextDecoder();
    let buffer = "";
    const reader = response.body.getReader();
    try {
      for (;;) {
        const { done: finished, value } = await reader.read();
        if (finished) break;
        buffer += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf("\n\n")) !== -1) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          let event = "message";
          let id: string | null = null;
          const data: string[] = [];
          for (const field of block.split("\n")) {
            if (field.startsWith("event: ")) event = field.slice(7);
            else if (field.startsWith("id: ")) id = field.slice(4);
            else if (field.startsWith("data: ")) data.push(field.slice(6));
          }
          if (data.length === 0) continue;
          const parsed = JSON.parse(data.join("\n"));
          events.push({ event, id, data: parsed });
          if (event === "lines") lines.push(...(parsed as LogLine[]));
        }
      }
    } catch {
      // aborted by the test
    } finally {
      done = true;
    }
  })();
  return {
    response,
    answer,
    events,
    lines,
    ended: () => done,
    close: async () => {
      controller.abort();
      await reading;
    },
  };
}

describe("GET /api/logs on the built dashboard", () => {
  let dashboard: RunningDashboard;
  let project: string;
  let postgres: string;

  beforeAll(async () => {
    project = newProject("it-logs-http");
    dashboard = await startDashboard();
    await fs.mkdir(path.dirname(dashboard.configPath), { recursive: true });
    await fs.writeFile(dashboard.configPath, `version: "1.0"\nproject_name: ${project}\n`);
    // The deployment's password, as a deploy would have written it.
    const deployment = path.join(dashboard.home, "data", "mycelium", "deployments", project);
    await fs.mkdir(deployment, { recursive: true });
    await fs.writeFile(
      path.join(deployment, ".env"),
      `COMPOSE_PROJECT_NAME=${project}\nPOSTGRES_PASSWORD=${PASSWORD}\n`,
      { mode: 0o600 },
    );
    postgres = await createWriter(project, "postgres");
    await createWriter(project, "temporal");
    await sleep(500);
  });

  afterAll(async () => {
    // A stream a failed test left open must not keep the server (and this file) waiting.
    await Promise.race([dashboard?.stop(), sleep(15_000)]);
    if (dashboard) await fs.rm(dashboard.home, { recursive: true, force: true });
  });

  it("refuses bad queries with a 400 that says what is wrong", async () => {
    const ask = async (query: string) =>
      readResponse(
        await fetch(`${dashboard.url}/api/logs${query}`, {
          headers: { accept: "text/event-stream", origin: dashboard.url },
        }),
      );
    const unknown = await ask("?services=postgres,nginx");
    expect(unknown).toHaveStatus(400);
    const body = unknown.json<{ error: { message: string; hint: string } }>();
    expect(body.error.message).toContain('"nginx"');
    expect(body.error.hint).toContain("postgres");
    for (const query of ["?tail=10001", "?tail=-1", "?tail=abc", "?after=yesterday"]) {
      const response = await ask(query);
      expect(response, query).toHaveStatus(400);
      expect(response.json<{ error: { code: string } }>().error.code).toBe("bad_request:invalid_query");
    }
    const page = await readResponse(await fetch(`${dashboard.url}/api/logs/page?service=postgres&before=nope`));
    expect(page).toHaveStatus(400);
    // A stream opened by another site is refused before it starts.
    const foreign = await readStreamStatus(
      await fetch(`${dashboard.url}/api/logs`, {
        headers: { accept: "text/event-stream", origin: "http://evil.example" },
      }),
    );
    expect(foreign).toHaveStatus(403);
  });

  it("streams redacted lines with service, stream and timestamp; resumes after Last-Event-ID", async () => {
    const stream = await openStream(dashboard, "?services=postgres,temporal&tail=50");
    expect(stream.answer).toHaveStatus(200);
    expect(stream.response.headers.get("content-type")).toContain("text/event-stream");
    try {
      await waitUntil(() => count(stream.lines, /^out r1 /) > 60, 15_000, "lines over HTTP");
    } finally {
      await stream.close();
    }
    expect(stream.events[0]!.event).toBe("hello");
    expect(stream.events[0]!.data).toMatchObject({ project, services: ["postgres", "temporal"], tail: 50 });
    for (const line of stream.lines) {
      expect(Object.keys(line).sort()).toEqual(["service", "stream", "text", "ts"]);
      expect(["postgres", "temporal"]).toContain(line.service);
      expect(line.ts).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z$/);
    }
    expectNoDuplicates(stream.lines);
    expectConsecutive(stream.lines, "postgres", "stdout");
    expectConsecutive(stream.lines, "temporal", "stderr");
    // The whole log is only 50 lines back at most, so the password line may have scrolled out:
    // ask for the page that holds it.
    const all = await readProjectLogs(docker, project, { services: ["postgres"], tail: 100_000 });
    const secretLine = all.find((l) => l.text.includes("connecting with password"))!;
    const page = (await (
      await fetch(`${dashboard.url}/api/logs/page?service=postgres&before=${encodeURIComponent(all[5]!.ts)}&limit=10`)
    ).json()) as { lines: LogLine[]; hasMore: boolean };
    expect(page.lines.map((l) => l.ts)).toContain(secretLine.ts);
    const served = page.lines.find((l) => l.ts === secretLine.ts)!;
    expect(served.text).not.toContain(PASSWORD);
    expect(served.text).toContain("••••••");
    expect(page.lines.find((l) => l.text.includes("red run"))!.text).toContain("\x1b[31m");
    expect(page.hasMore).toBe(false);

    // Reconnect the way EventSource does: no tail again, only what came after.
    const lastId = stream.events.filter((e) => e.event === "lines").at(-1)!.id!;
    await sleep(500);
    const resumed = await openStream(dashboard, "?services=postgres,temporal&tail=50", { "last-event-id": lastId });
    try {
      await waitUntil(() => resumed.lines.length > 20, 10_000, "resumed lines");
    } finally {
      await resumed.close();
    }
    expect(resumed.lines.every((l) => l.ts > lastId)).toBe(true);
    const oldKeys = new Set(stream.lines.map((l) => `${l.service} ${key(l)}`));
    expect(resumed.lines.filter((l) => oldKeys.has(`${l.service} ${key(l)}`))).toEqual([]);
    // Nothing between the two connections was lost.
    const resumedFirst = resumed.lines.filter((l) => l.service === "postgres" && l.stream === "stdout")[0]!;
    const before = stream.lines.filter((l) => l.service === "postgres" && l.stream === "stdout").at(-1)!;
    const gap = (await engineLines(postgres, "postgres")).filter(
      (l) => l.stream === "stdout" && l.ts > before.ts && l.ts < resumedFirst.ts,
    );
    expect(gap.every((l) => l.ts <= lastId)).toBe(true);
  });

  it("keeps streaming across a restart of the container", async () => {
    const stream = await openStream(dashboard, "?services=postgres&tail=0");
    try {
      await waitUntil(() => stream.lines.length > 10, 10_000, "live lines");
      const run = Number(/r(\d+)/.exec(stream.lines.at(-1)!.text)![1]);
      await docker.getContainer(postgres).restart({ t: 0 });
      await waitUntil(
        () => stream.lines.some((l) => l.text === `out r${run + 1} i10`),
        15_000,
        "lines of the next run",
      );
      expect(stream.events.filter((e) => e.event === "attach").map((e) => (e.data as AttachNotice).reason)).toEqual([
        "initial",
        "restart",
      ]);
    } finally {
      await stream.close();
    }
    expectNoDuplicates(stream.lines);
    expectConsecutive(stream.lines, "postgres", "stdout");
  });

  it("holds back a flood for a client that stops reading: the server's memory stays bounded", async () => {
    const flooding = newProject("it-logs-http-flood");
    await fs.writeFile(dashboard.configPath, `version: "1.0"\nproject_name: ${flooding}\n`);
    try {
      await createWriter(flooding, "redis", FAST_WRITER);
      const server = pidListeningOn(dashboard.port);
      const rss = () => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${server}/status`, "utf8"))![1]) * 1024;
      const controller = new AbortController();
      const response = await fetch(`${dashboard.url}/api/logs?tail=0`, {
        headers: { accept: "text/event-stream", origin: dashboard.url },
        signal: controller.signal,
      });
      expect(await readStreamStatus(response)).toHaveStatus(200);
      const reader = response.body!.getReader();
      try {
        // Read a little, then stop reading while the container keeps writing ~50k lines/s.
        let bytes = 0;
        while (bytes < 200_000) bytes += (await reader.read()).value?.byteLength ?? 0;
        // Once the socket and stream buffers are full (2 s), the server must stop taking lines.
        await sleep(2_000);
        const baseline = rss();
        let peak = baseline;
        for (let i = 0; i < 20; i++) {
          await sleep(500);
          peak = Math.max(peak, rss());
        }
        // Buffering without bound grows ~5 MB/s here (measured: 43 MB in 8 s with the
        // back-pressure switched off); bounded, only GC noise remains.
        expect(peak - baseline).toBeLessThan(24 * 1024 * 1024);
        // Reading again, lines flow again.
        let after = 0;
        const until = Date.now() + 2_000;
        while (Date.now() < until) after += (await reader.read()).value?.byteLength ?? 0;
        expect(after).toBeGreaterThan(1_000_000);
      } finally {
        controller.abort();
        await reader.cancel().catch(() => undefined);
      }
    } finally {
      await fs.writeFile(dashboard.configPath, `version: "1.0"\nproject_name: ${project}\n`);
      await removeProject(flooding);
    }
  });

  it("leaves no socket behind on the server after 30 clients come and go", async () => {
    const server = pidListeningOn(dashboard.port);
    const warm = await openStream(dashboard, "?tail=5");
    try {
      await waitUntil(() => warm.lines.length > 0, 10_000, "warm-up lines");
    } finally {
      await warm.close();
    }
    await sleep(1_000);
    const baseline = openSockets(server);
    // While a client reads, the server holds its connection, the event listener and one
    // Docker log stream per container (one of them may reuse an idle pooled socket that is
    // already in the baseline): the count sees them.
    const open = await openStream(dashboard, "?tail=5");
    try {
      await waitUntil(() => open.lines.length > 0, 10_000, "lines");
      expect(openSockets(server)).toBeGreaterThanOrEqual(baseline + 3);
    } finally {
      await open.close();
    }
    for (let cycle = 0; cycle < 30; cycle++) {
      const stream = await openStream(dashboard, "?tail=5");
      try {
        if (cycle % 2 === 0) await waitUntil(() => stream.lines.length > 0, 10_000, "lines");
      } finally {
        await stream.close();
      }
    }
    // Closed sockets go away once the server has seen the client leave.
    const deadline = Date.now() + 10_000;
    let now = openSockets(server);
    while (now > baseline + 1 && Date.now() < deadline) {
      await sleep(200);
      now = openSockets(server);
    }
    expect(now).toBeLessThanOrEqual(baseline + 1);
  });
});
