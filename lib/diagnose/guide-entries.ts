import { CHECK_IDS, REMEDIES } from "../validation/check-ids";
import type { Fix, KnowledgeEntry } from "./diagnosis-types";
import { anyOf, containerOf, isDown, onCheck, onContainer, onLine } from "./evidence";

/**
 * The deployment guide's "Troubleshooting" and "Common Issues" entries. Two of them are the
 * same failures as facts §6 #16 and #17 and carry both sources.
 */

const restart = (service: string, label: string): Fix => ({ kind: "restart-container", label, safe: true, service });

export const postgresConnectionRefused: KnowledgeEntry = {
  id: "postgres-connection-refused",
  title: "PostgreSQL connection refused",
  sources: [{ guide: "Troubleshooting › Issue: PostgreSQL Connection Refused" }],
  layer: 1,
  matches: (e) =>
    anyOf(
      onCheck(e, CHECK_IDS.postgresPort, 90),
      onCheck(e, CHECK_IDS.postgresAuth, 85, { remedy: REMEDIES.postgresConnectionRefused }),
      onContainer(
        e,
        "postgres",
        70,
        (c) => isDown(c) || c.state === "restarting",
        (c) => `${c.state}${c.exitCode !== null ? ` (exit code ${c.exitCode})` : ""}`,
      ),
      onLine(e, /Cannot connect to PostgreSQL|dial tcp [^\s]+:5432: connect: connection refused/, 50),
    ),
  whatHappened: "Nothing accepts connections on PostgreSQL's port.",
  why:
    "The PostgreSQL container is stopped, still initialising its data directory, or publishes " +
    "its port elsewhere; everything that needs the database (Temporal first) fails after it.",
  commands: [
    "docker logs {project}-postgres --tail 50",
    "docker ps --all --filter name={project}-postgres",
    'psql "postgresql://{postgresUser}@127.0.0.1:{postgresPort}/{database}" -c "SELECT version();"',
  ],
  chooseFix: (e) =>
    isDown(containerOf(e, "postgres")) ? restart("postgres", "Start the PostgreSQL container again") : undefined,
};

export const temporalFailsToStart: KnowledgeEntry = {
  id: "temporal-fails-to-start",
  title: "Temporal fails to start",
  sources: [{ guide: "Troubleshooting › Issue: Temporal Fails to Start" }],
  layer: 4,
  fallback: true,
  matches: (e) =>
    anyOf(
      onContainer(
        e,
        "temporal",
        70,
        (c) => c.state === "restarting",
        (c) => `restarting continuously (${c.restartCount} restarts)`,
      ),
      onContainer(
        e,
        "temporal",
        65,
        (c) => isDown(c) && (c.exitCode ?? 0) !== 0,
        (c) => `exited with code ${c.exitCode}`,
      ),
      onContainer(
        e,
        "temporal",
        40,
        (c) => c.state === "running" && c.restartCount > 0,
        (c) => `running after ${c.restartCount} restarts`,
      ),
      onLine(e, /unable to create dynamic config client/i, 40),
    ),
  whatHappened: "The Temporal container keeps stopping during start-up.",
  why:
    "auto-setup runs schema setup and then the server; any error on the way " +
    "(database unreachable, dynamic config file missing, schema too old) ends " +
    "the process, and Docker restarts it again and again. Its log names the error.",
  commands: [
    "docker logs {project}-temporal --tail 100",
    "docker exec {project}-postgres pg_isready",
    "ls -la ~/.local/share/mycelium/deployments/{project}/config/dynamicconfig/",
    "docker restart {project}-temporal",
  ],
  fix: restart("temporal", "Restart the Temporal container"),
};

export const temporalUiNotAccessible: KnowledgeEntry = {
  id: "temporal-ui-not-accessible",
  title: "Temporal UI not accessible",
  sources: [{ guide: "Troubleshooting › Issue: Temporal UI Not Accessible" }],
  layer: 7,
  matches: (e) =>
    anyOf(
      onCheck(e, CHECK_IDS.uiPort, 80),
      onCheck(e, CHECK_IDS.uiHealthz, 75),
      onCheck(e, CHECK_IDS.uiClusterInfo, 60),
      onContainer(
        e,
        "temporal-ui",
        70,
        (c) => isDown(c) || c.state === "restarting",
        (c) => c.state,
      ),
    ),
  whatHappened: "The Temporal Web UI does not answer on its port.",
  why:
    "The UI takes up to a minute or two to start, or its container " +
    "stopped. It is optional: the Temporal server works without it.",
  commands: [
    "docker logs {project}-temporal-ui --tail 50",
    "docker port {project}-temporal-ui 8080",
    "curl -i http://localhost:{uiPort}/healthz",
  ],
  chooseFix: (e) =>
    isDown(containerOf(e, "temporal-ui"))
      ? restart("temporal-ui", "Start the Temporal UI container again")
      : { kind: "wait-and-recheck", label: "Wait a minute for the UI to start, then check again", safe: true },
};

export const portAlreadyInUse: KnowledgeEntry = {
  id: "port-already-in-use",
  title: "Port already in use",
  sources: [{ guide: "Common Issues › Issue: Port Already in Use" }, { facts: 17 }],
  layer: 0,
  matches: (e) =>
    anyOf(
      onContainer(
        e,
        null,
        85,
        (c) => /port is already allocated|address already in use/i.test(c.error ?? ""),
        (c) => c.error ?? "",
      ),
      onLine(e, /port is already allocated|bind: address already in use/i, 75),
      onCheck(e, CHECK_IDS.temporalHealth, 60, { remedy: REMEDIES.portAlreadyInUse }),
      onCheck(e, CHECK_IDS.postgresVersion, 40, { statuses: ["warn"], remedy: REMEDIES.portAlreadyInUse }),
    ),
  whatHappened: "A host port the stack publishes is already taken by another program or container.",
  why:
    "Docker cannot publish a container's port on a host port something else listens on " +
    "(`Bind for 0.0.0.0:5432 failed: port is already allocated`), so that container " +
    "never starts. Only the host side clashes: ports inside the stack's network never do.",
  commands: ["lsof -i :{postgresPort} -i :{temporalPort} -i :{uiPort}", "docker ps --format '{{.Names}}\\t{{.Ports}}'"],
  fix: { kind: "use-free-port", label: "Move the clashing ports to free ones and redeploy", safe: true },
};

export const insufficientMemory: KnowledgeEntry = {
  id: "insufficient-memory",
  title: "Insufficient memory (OOMKilled)",
  sources: [{ guide: "Common Issues › Issue: Insufficient Memory" }, { facts: 16 }],
  layer: 0,
  matches: (e) =>
    anyOf(
      onContainer(
        e,
        null,
        90,
        (c) => c.oomKilled,
        () => "OOMKilled",
      ),
      onContainer(
        e,
        null,
        60,
        (c) => c.exitCode === 137,
        () => "exit code 137 (killed)",
      ),
      onLine(e, /OOMKilled|Container stopped due to memory limit|Out of memory: Killed process/i, 50),
    ),
  whatHappened: "A container was killed because it ran out of memory.",
  why:
    "The kernel kills a container that reaches its memory limit (the service's " +
    "resources.memory, or Docker Desktop's VM size); exit code 137 is that SIGKILL. " +
    "PostgreSQL's shared_buffers and Temporal together need more than a small limit.",
  commands: [
    "docker inspect {project}-postgres {project}-temporal --format " +
      "'{{.Name}} OOMKilled={{.State.OOMKilled}} exit={{.State.ExitCode}}'",
    "docker stats --no-stream",
  ],
};

export const schemaAlreadyExists: KnowledgeEntry = {
  id: "schema-already-exists",
  title: "Schema already exists (harmless)",
  sources: [{ guide: "Common Issues › Issue: Schema Already Exists" }],
  layer: 9,
  harmless: true,
  // Harmless only while the schema is in order; otherwise it is the partial upgrade of facts #13.
  matches: (e) => {
    const schemaBroken = [
      CHECK_IDS.postgresSchemaMain,
      CHECK_IDS.postgresSchemaVisibility,
      CHECK_IDS.postgresTables,
    ].some((id) => e.checks.some((c) => c.id === id && c.status === "fail"));
    if (schemaBroken || onLine(e, /Unable to update SQL schema|Expected version: .* cannot be greater than/, 1))
      return null;
    return onLine(e, /relation \\?"[^"\\]+\\?" already exists/, 30);
  },
  whatHappened: "A log says a table already exists.",
  why: "Schema initialisation is idempotent: auto-setup skips what is already there on every start. No action needed.",
  commands: ["docker logs {project}-temporal 2>&1 | grep -c 'already exists'"],
};

export const GUIDE_ENTRIES: KnowledgeEntry[] = [
  postgresConnectionRefused,
  temporalFailsToStart,
  temporalUiNotAccessible,
  portAlreadyInUse,
  insufficientMemory,
  schemaAlreadyExists,
];
