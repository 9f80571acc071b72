import { describe, expect, it } from "vitest";
import { diagnose, diagnoseEvidence, fillCommand } from "./diagnose";
import type { CheckEvidence, ContainerEvidence, Evidence } from "./diagnosis-types";
import { evidenceFromReport } from "./evidence";
import { KNOWLEDGE_BASE } from "./knowledge-base";

const PROJECT = "temporal-deployment";

function container(service: string, extra: Partial<ContainerEvidence> = {}): ContainerEvidence {
  return {
    service,
    containerName: `${PROJECT}-${service}`,
    state: "running",
    health: "healthy",
    restartCount: 0,
    oomKilled: false,
    exitCode: null,
    error: null,
    logs: [],
    ...extra,
  };
}

function check(
  id: string,
  status: CheckEvidence["status"],
  message: string,
  remedy: string | null = null,
): CheckEvidence {
  return { id, status, message, detail: null, remedy };
}

function evidence(
  parts: { checks?: CheckEvidence[]; containers?: ContainerEvidence[]; lines?: string[] } = {},
): Evidence {
  return evidenceFromReport(null, {
    project: PROJECT,
    checks: parts.checks ?? [],
    containers: parts.containers ?? [],
    lines: (parts.lines ?? []).map((text) => ({ source: "deploy", text })),
  });
}

const temporalLogs = (...logs: string[]) =>
  evidence({ containers: [container("temporal", { state: "restarting", restartCount: 3, logs })] });
const first = (e: Evidence) => diagnoseEvidence(e)[0];

/** One realistic piece of evidence per facts §6 entry, and the entry it must produce first. */
const FACTS_CASES: { fact: number; id: string; evidence: Evidence; fix?: string }[] = [
  {
    fact: 1,
    id: "dynamic-config-missing",
    fix: "regenerate-dynamic-config",
    evidence: temporalLogs(
      "Unable to create dynamic config client. Error: unable to validate dynamic " +
        "config: dynamic config: config/dynamicconfig/development-sql.yaml: stat " +
        "/etc/temporal/config/dynamicconfig/development-sql.yaml: no such file or directory",
    ),
  },
  {
    fact: 2,
    id: "postgres-wait-loop",
    fix: "redeploy",
    evidence: evidence({
      containers: [
        container("temporal", { health: "starting", logs: Array(12).fill("Waiting for PostgreSQL to startup.") }),
      ],
    }),
  },
  {
    fact: 3,
    id: "schema-version-behind",
    fix: "restart-container",
    evidence: temporalLogs(
      "Unable to create server. Error: sql schema version compatibility check failed: version mismatch for " +
        'keyspace/database: "temporal". Expected version: 1.10 cannot be greater than Actual version: 1.9.',
    ),
  },
  {
    fact: 4,
    id: "schema-missing",
    fix: "restart-container",
    evidence: temporalLogs(
      "Unable to create server. Error: sql schema version compatibility check failed: unable to read DB " +
        'schema version keyspace/database: temporal error: pq: relation "schema_version" does not exist.',
    ),
  },
  {
    fact: 5,
    id: "unsupported-db-plugin",
    fix: "redeploy",
    evidence: temporalLogs("Unsupported DB type: postgres12_pgx."),
  },
  {
    fact: 6,
    id: "postgres-password-failed",
    evidence: temporalLogs('Unable to start server. Error: pq: password authentication failed for user "temporal"'),
  },
  {
    fact: 7,
    id: "postgres-tls-required",
    evidence: temporalLogs(
      'pq: no pg_hba.conf entry for host "10.0.1.7", user "temporal", database "temporal", no encryption',
    ),
  },
  {
    fact: 8,
    id: "permission-denied-create-database",
    evidence: temporalLogs("ERROR: Unable to create SQL database. pq: permission denied to create database"),
  },
  {
    fact: 9,
    id: "cli-loopback-address",
    fix: "redeploy",
    evidence: evidence({
      lines: [
        'Error: unable to health check "temporal.api.workflowservice.v1.WorkflowService" service: connection ' +
          'error: desc = "transport: Error while dialing dial tcp 127.0.0.1:7233: connect: connection refused"',
      ],
    }),
  },
  {
    fact: 10,
    id: "broadcast-address-required",
    fix: "redeploy",
    evidence: temporalLogs(
      "Unable to create server. Error: broadcastAddress required when listening on all interfaces (0.0.0.0/[::]).",
    ),
  },
  {
    fact: 11,
    id: "namespace-not-found",
    fix: "wait-and-recheck",
    evidence: evidence({
      checks: [check("temporal.namespace", "fail", "Namespace default is not found.", "#namespace-not-found")],
    }),
  },
  {
    fact: 12,
    id: "frontend-not-ready",
    fix: "wait-and-recheck",
    evidence: evidence({
      checks: [
        check(
          "temporal.health",
          "fail",
          "Temporal's frontend is up but not ready yet (NOT_SERVING)",
          "#frontend-not-ready",
        ),
      ],
    }),
  },
  {
    fact: 13,
    id: "schema-partial-upgrade",
    evidence: temporalLogs(
      '2026-11-27T10:00:00.000Z\tERROR\tUnable to update SQL schema.\t{"error": "pq: relation ' +
        '\\"history_immediate_tasks\\" already exists", "logging-call-at": "handler.go:80"}',
    ),
  },
  {
    fact: 14,
    id: "too-many-connections",
    evidence: temporalLogs("Unable to start server. Error: pq: sorry, too many clients already"),
  },
  {
    fact: 15,
    id: "search-attribute-exists",
    evidence: evidence({
      containers: [container("temporal", { logs: ["Search attribute CustomKeywordField already exists."] })],
    }),
  },
  {
    fact: 16,
    id: "insufficient-memory",
    evidence: evidence({ containers: [container("postgres", { state: "exited", exitCode: 137, oomKilled: true })] }),
  },
  {
    fact: 17,
    id: "port-already-in-use",
    fix: "use-free-port",
    evidence: evidence({
      containers: [
        container("postgres", {
          state: "created",
          error:
            "driver failed programming external connectivity on endpoint " +
            "temporal-deployment-postgres: Bind for 0.0.0.0:5432 failed: port is already allocated",
        }),
      ],
    }),
  },
  {
    fact: 18,
    id: "exec-format-error",
    evidence: temporalLogs("exec /usr/local/bin/temporal-server: exec format error"),
  },
  {
    fact: 19,
    id: "dynamic-config-is-directory",
    fix: "regenerate-dynamic-config",
    evidence: temporalLogs(
      "Unable to create dynamic config client. Error: unable to validate dynamic " +
        "config: dynamic config: config/dynamicconfig/development-sql.yaml: read " +
        "/etc/temporal/config/dynamicconfig/development-sql.yaml: is a directory",
    ),
  },
];

describe("knowledge base", () => {
  it("covers every known failure of facts §6 and every troubleshooting entry of the guide", () => {
    const facts = new Set(KNOWLEDGE_BASE.flatMap((e) => e.sources.flatMap((s) => ("facts" in s ? [s.facts] : []))));
    expect([...facts].sort((a, b) => a - b)).toEqual(Array.from({ length: 19 }, (_, i) => i + 1));
    const guide = KNOWLEDGE_BASE.flatMap((e) => e.sources.flatMap((s) => ("guide" in s ? [s.guide] : [])));
    for (const section of [
      "PostgreSQL Connection Refused",
      "Temporal Fails to Start",
      "Temporal UI Not Accessible",
      "Port Already in Use",
      "Insufficient Memory",
      "Schema Already Exists",
    ]) {
      expect(guide.some((g) => g.includes(section))).toBe(true);
    }
    expect(new Set(KNOWLEDGE_BASE.map((e) => e.id)).size).toBe(KNOWLEDGE_BASE.length);
    for (const entry of KNOWLEDGE_BASE) expect(entry.fix?.safe ?? true).toBe(true);
  });

  it.each(FACTS_CASES)("recognises facts #$fact as $id", ({ id, evidence: e, fix, fact }) => {
    const diagnosis = first(e);
    expect(diagnosis?.id).toBe(id);
    expect(diagnosis?.sources).toContainEqual({ facts: fact });
    if (fix) expect(diagnosis?.fix?.kind).toBe(fix);
    expect(diagnosis?.because.length).toBeGreaterThan(0);
    expect(diagnosis?.commands.join("\n")).not.toMatch(/\{project\}/);
  });
});

describe("guide entries", () => {
  it("PostgreSQL connection refused, from a failed port check; offers to start a stopped container", () => {
    const e = evidence({
      checks: [
        check(
          "postgres.port",
          "fail",
          "PostgreSQL port 5432 is not reachable on 127.0.0.1 (connection refused)",
          "#postgres-connection-refused",
        ),
      ],
      containers: [container("postgres", { state: "exited", exitCode: 0, health: "none" })],
    });
    const d = first(e)!;
    expect(d.id).toBe("postgres-connection-refused");
    expect(d.fix).toEqual({ kind: "restart-container", label: expect.any(String), safe: true, service: "postgres" });
    expect(d.commands).toContain("docker logs temporal-deployment-postgres --tail 50");
  });

  it("Temporal fails to start: a restarting container with no more specific cause", () => {
    const d = first(temporalLogs("some unrelated start-up noise"))!;
    expect(d.id).toBe("temporal-fails-to-start");
    expect(d.fix?.kind).toBe("restart-container");
  });

  it("hides the general 'fails to start' entry behind a specific cause", () => {
    const ids = diagnoseEvidence(FACTS_CASES[0]!.evidence).map((d) => d.id);
    expect(ids).toContain("dynamic-config-missing");
    expect(ids).not.toContain("temporal-fails-to-start");
  });

  it("Temporal UI not accessible: degraded UI, wait for it", () => {
    const d = first(
      evidence({
        checks: [check("ui.port", "fail", "Temporal UI port 8080 is not reachable on 127.0.0.1 (connection refused)")],
      }),
    )!;
    expect(d).toMatchObject({ id: "temporal-ui-not-accessible", fix: { kind: "wait-and-recheck" } });
  });

  it("Port already in use, from the engine's message", () => {
    expect(first(evidence({ lines: ["Error: Bind for 0.0.0.0:5432 failed: port is already allocated"] }))?.id).toBe(
      "port-already-in-use",
    );
  });

  it("Insufficient memory, from OOMKilled", () => {
    expect(
      first(evidence({ containers: [container("temporal", { state: "exited", oomKilled: true, exitCode: 137 })] }))?.id,
    ).toBe("insufficient-memory");
  });

  it("Schema already exists is harmless while the schema is fine, and facts #13 when it is not", () => {
    const harmless = diagnoseEvidence(
      evidence({ containers: [container("temporal", { logs: ['Error: relation "namespaces" already exists'] })] }),
    );
    expect(harmless.map((d) => d.id)).toEqual(["schema-already-exists"]);
    expect(harmless[0]?.harmless).toBe(true);
    const broken = diagnoseEvidence(
      evidence({
        checks: [
          check(
            "postgres.schema.main",
            "fail",
            "Schema of temporal is behind: expected 1.10, found 1.9",
            "#schema-version-behind",
          ),
        ],
        containers: [container("temporal", { logs: ['pq: relation "task_queue_user_data" already exists'] })],
      }),
    ).map((d) => d.id);
    expect(broken).toContain("schema-partial-upgrade");
    expect(broken).not.toContain("schema-already-exists");
  });
});

describe("diagnose ordering", () => {
  it("puts the root cause first: a closed PostgreSQL port before Temporal's failures, the UI last", () => {
    const e = evidence({
      checks: [
        check("ui.port", "fail", "Temporal UI port 8080 is not reachable on 127.0.0.1 (connection refused)"),
        check(
          "temporal.health",
          "fail",
          "Health check: Temporal's frontend did not answer (UNAVAILABLE)",
          "#frontend-not-ready",
        ),
        check(
          "postgres.port",
          "fail",
          "PostgreSQL port 5432 is not reachable on 127.0.0.1 (connection refused)",
          "#postgres-connection-refused",
        ),
      ],
    });
    expect(diagnoseEvidence(e).map((d) => d.id)).toEqual([
      "postgres-connection-refused",
      "frontend-not-ready",
      "temporal-ui-not-accessible",
    ]);
  });

  it("puts a wrong password before the schema and namespace problems it causes, harmless notes last", () => {
    const e = evidence({
      checks: [check("temporal.namespace", "fail", "Namespace default is not found.", "#namespace-not-found")],
      containers: [
        container("temporal", {
          logs: [
            "Search attribute CustomKeywordField already exists.",
            'pq: password authentication failed for user "temporal"',
            "Namespace default is not found.",
          ],
        }),
      ],
    });
    expect(diagnoseEvidence(e).map((d) => d.id)).toEqual([
      "postgres-password-failed",
      "namespace-not-found",
      "search-attribute-exists",
    ]);
  });

  it("reads a validation report's JSON and fills the commands in from its target", () => {
    const diagnoses = diagnose({
      project: "shop",
      target: {
        postgres: { port: 5433, database: "wf", user: "admin" },
        temporal: { port: 7300, namespace: "orders" },
        ui: null,
      },
      checks: [
        check(
          "postgres.auth",
          "fail",
          'PostgreSQL refused the login: password authentication failed for user "admin"',
          "#postgres-password-failed",
        ),
      ],
      containers: [],
    });
    expect(diagnoses[0]?.id).toBe("postgres-password-failed");
    expect(diagnoses[0]?.commands).toContain("docker exec shop-postgres psql -U admin -d wf -c 'SELECT 1'");
  });

  it("returns nothing for a healthy stack", () => {
    expect(
      diagnose({
        project: PROJECT,
        checks: [check("postgres.port", "pass", "open")],
        containers: [container("temporal")],
      }),
    ).toEqual([]);
  });
});

describe("fillCommand", () => {
  it("fills known placeholders and leaves Go templates alone", () => {
    const settings = {
      namespace: "default",
      database: "temporal",
      postgresUser: "postgres",
      postgresPort: 5432,
      temporalPort: 7233,
      uiPort: 8080,
    };
    expect(
      fillCommand("docker inspect {project}-temporal --format '{{.State.OOMKilled}}' -p {postgresPort}", "p", settings),
    ).toBe("docker inspect p-temporal --format '{{.State.OOMKilled}}' -p 5432");
  });
});

describe("a SERVING frontend", () => {
  it("is not diagnosed as waiting for PostgreSQL when it holds no connections to the database checked", () => {
    const e = evidence({
      checks: [
        check("temporal.health", "pass", "Temporal's frontend is SERVING"),
        check(
          "postgres.schema.main",
          "fail",
          "Schema of temporal_old is behind: expected 1.10, found 1.9",
          "#schema-version-behind",
        ),
        check("integration.temporal-connections", "fail", "Temporal holds no connections to temporal_old"),
      ],
    });
    expect(diagnoseEvidence(e).map((d) => d.id)).not.toContain("postgres-wait-loop");
    expect(first(e)?.id).toBe("schema-version-behind");
  });
});

describe("a crash-looping Temporal, whichever moment of the loop the report catches", () => {
  const crash =
    "Unable to create dynamic config client. Error: unable to validate dynamic " +
    "config: dynamic config: config/dynamicconfig/development-sql.yaml: stat " +
    "/etc/temporal/config/dynamicconfig/development-sql.yaml: no such file or directory";
  // The run after the crash writes its own setup output first: more lines than one tail holds.
  const setupOutput = Array.from({ length: 60 }, (_, i) => `+ temporal-sql-tool update-schema step ${i}`);
  const checks = [
    check(
      "container.temporal",
      "fail",
      "Container temporal-deployment-temporal is crash-looping: it " +
        "crashed 2 times (exit code 1) and has not been healthy since",
      "#temporal-fails-to-start",
    ),
    check("temporal.health", "fail", "Temporal's frontend did not answer (UNAVAILABLE)", "#frontend-not-ready"),
  ];
  const moments: [string, Partial<ContainerEvidence>][] = [
    ["exited", { state: "exited", exitCode: 1, health: "unhealthy", logs: [crash] }],
    ["restarting", { state: "restarting", restartCount: 2, health: "starting", logs: [crash] }],
    [
      "running and starting after 2 restarts",
      { state: "running", restartCount: 2, health: "starting", logs: [crash, ...setupOutput] },
    ],
  ];
  it.each(moments)("%s: the crash's cause comes first, not the frontend that is not ready", (_moment, state) => {
    const diagnoses = diagnoseEvidence(evidence({ checks, containers: [container("temporal", state)] }));
    expect(diagnoses[0]).toMatchObject({ id: "dynamic-config-missing", fix: { kind: "regenerate-dynamic-config" } });
    expect(diagnoses[0]!.because[0]).toContain("Unable to create dynamic config client");
  });
});

describe("a schema behind the server", () => {
  const behind = check(
    "postgres.schema.main",
    "fail",
    "Schema of temporal is behind: expected 1.19, found 1.18",
    "#schema-version-behind",
  );
  it("up to 1.29, restarts Temporal: auto-setup migrates on start", () => {
    expect(first(evidence({ checks: [behind], containers: [container("temporal")] }))).toMatchObject({
      id: "schema-version-behind",
      fix: { kind: "restart-container", service: "temporal" },
    });
  });
  it("from 1.30, runs the schema job again", () => {
    const job = container("temporal-schema", { state: "exited", exitCode: 0, health: "none" });
    expect(first(evidence({ checks: [behind], containers: [container("temporal"), job] }))).toMatchObject({
      id: "schema-version-behind",
      fix: { kind: "restart-container", service: "temporal-schema" },
    });
  });
});

describe("the 1.30+ schema job", () => {
  // temporal-sql-tool's own records (admin-tools 1.32.2 against PostgreSQL 15, a user without rights).
  const record = (message: string, error: string) =>
    `2026-12-07T19:31:48.` +
    `142Z\tERROR\t${message}\t${JSON.stringify({ error, "logging-call-at": "tools/sql/handler.go:69" })}`;
  const failedJob = (...logs: string[]) =>
    evidence({
      containers: [
        container("temporal-schema", { state: "exited", exitCode: 1, logs }),
        container("temporal", { state: "created" }),
      ],
    });
  const ids = (e: Evidence) => diagnoseEvidence(e).map((d) => d.id);

  it("a failure with no more specific words is the job's own, quoting its last line", () => {
    const e = failedJob(record("Unable to setup SQL schema.", "no usable database connection found"));
    expect(first(e)?.id).toBe("schema-job-failed");
    expect(first(e)?.because.join(" ")).toContain("no usable database connection found");
  });

  it.each([
    ["Unable to create SQL database.", "pq: permission denied to create database (42501)"],
    ["Unable to setup SQL schema.", "pq: permission denied for schema public at column 28 (42501)"],
  ])("%s %s: the user lacks privileges, before the job's generic entry", (message, error) => {
    const e = failedJob(record(message, error));
    expect(ids(e).slice(0, 2)).toEqual(["permission-denied-create-database", "schema-job-failed"]);
    expect(first(e)?.commands.join("\n")).toContain("ALTER ROLE postgres CREATEDB");
  });

  it("btree_gin refused: the extension's own entry, with how to create it as an admin", () => {
    const e = failedJob(
      record(
        "Unable to update SQL schema.",
        'error executing statement: pq: permission denied to create extension "btree_gin" (42501)',
      ),
    );
    expect(ids(e).slice(0, 2)).toEqual(["btree-gin-unavailable", "schema-job-failed"]);
    expect(first(e)?.commands.join("\n")).toContain("CREATE EXTENSION IF NOT EXISTS btree_gin");
  });

  it("btree_gin missing from the server's build", () => {
    const e = failedJob(record("Unable to update SQL schema.", 'pq: extension "btree_gin" is not available (0A000)'));
    expect(first(e)?.id).toBe("btree-gin-unavailable");
  });
});
