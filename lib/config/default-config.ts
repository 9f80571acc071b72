import { stringify } from "yaml";
import {
  defaultDbPlugin,
  deployableTemporalRange,
  officialTemporalImage,
  pairedUiVersion,
  parseVersion,
  TEMPORAL_CONNECTION_CEILING,
} from "./compat";
import { NEWCOMER_VERSIONS } from "./newcomer-defaults";
import { defaultConfig, type MyceliumConfig } from "./schema";

/** Comments start in this column so the file reads as a table of values. */
const COMMENT_COLUMN = 36;

type Line = string | readonly [yaml: string, comment: string];

/**
 * The file `mycelium config init` writes: the guide's Step 1 layout with every default
 * spelled out and a short comment per field; optional fields are shown commented out.
 * Values come from the schema's defaults, so this text cannot drift from them, except the
 * versions: a newcomer starts on the newest release (NEWCOMER_VERSIONS).
 */
export function renderDefaultConfigYaml(): string {
  const defaults = newcomerConfig();
  const { deployment } = defaults;
  const { redis, postgres, temporal } = defaults.services;
  const temporalVersion = parseVersion(temporal.version);
  const postgresVersion = parseVersion(postgres.version);
  const uiExample = (temporalVersion && pairedUiVersion(temporalVersion)) ?? "2.17.1";
  const pluginExample =
    temporalVersion && postgresVersion ? defaultDbPlugin(temporalVersion, postgresVersion) : "postgres12";

  const lines: Line[] = [
    "# Mycelium configuration: the Temporal + PostgreSQL stack deployed on your local Docker engine.",
    "# Check it with `mycelium config validate`. Lines starting with # are optional settings.",
    [`version: ${scalar(defaults.version)}`, "schema version of this file; always quoted"],
    [`project_name: ${scalar(defaults.project_name)}`, "names containers (<project>-postgres), network, volumes"],
    "",
    "deployment:",
    [`  method: ${scalar(deployment.method)}`, "containers on the local Docker engine"],
    [`  auto_start: ${scalar(deployment.auto_start)}`, "start the containers at the end of a deploy"],
    [
      `  healthcheck_timeout: ${scalar(deployment.healthcheck_timeout)}`,
      "seconds to wait for every container to be healthy",
    ],
    [`  bind_address: ${scalar(deployment.bind_address)}`, "host address for the ports; other values expose the stack"],
    "",
    "services:",
    "  redis:",
    [`    enabled: ${scalar(redis.enabled)}`, "optional; Temporal does not need Redis"],
    [`    version: ${quoted(redis.version)}`, "quoted, like every version"],
    [`    port: ${scalar(redis.port)}`, "host port"],
    [`    # image: registry.example.com/redis:${redis.version}`, "private registry or offline image"],
    "    # resources: {memory: 256m, cpus: 0.5}",
    "",
    "  postgres:",
    [`    enabled: ${scalar(postgres.enabled)}`, "Temporal keeps all its state here"],
    [`    version: ${quoted(postgres.version)}`, "quoted: unquoted, YAML reads 15.10 as 15.1"],
    [`    port: ${scalar(postgres.port)}`, "host port"],
    [`    database: ${scalar(postgres.database)}`, `visibility data goes to ${postgres.database}_visibility`],
    [`    user: ${scalar(postgres.user)}`, "its password is generated on first deploy (.env)"],
    [
      `    max_connections: ${scalar(postgres.max_connections)}`,
      `Temporal may open up to ${TEMPORAL_CONNECTION_CEILING} under load`,
    ],
    [
      `    custom_config: ${scalar(postgres.custom_config)}`,
      'postgresql.conf settings, e.g. {shared_buffers: "256MB"}',
    ],
    [`    # image: registry.example.com/postgres:${postgres.version}`, "private registry or offline image"],
    "    # resources: {memory: 1g, cpus: 2}",
    ["    # reuse_existing: true", "use the PostgreSQL already listening on port instead of a container"],
    "",
    "  temporal:",
    [`    enabled: ${scalar(temporal.enabled)}`, "the temporalio/auto-setup server"],
    [`    version: ${quoted(temporal.version)}`, `Mycelium deploys ${deployableTemporalRange()}`],
    [`    ui_port: ${scalar(temporal.ui_port)}`, "Temporal Web UI (host port)"],
    [`    frontend_port: ${scalar(temporal.frontend_port)}`, "gRPC API for workers and clients (host port)"],
    [`    namespace: ${scalar(temporal.namespace)}`, "created on first start"],
    [`    namespace_retention: ${scalar(temporal.namespace_retention)}`, "how long closed workflows are kept: 72h, 3d"],
    [`    ui_enabled: ${scalar(temporal.ui_enabled)}`, "the server works without the UI"],
    [`    history_shards: ${scalar(temporal.history_shards)}`, "fixed once the cluster is initialised"],
    [`    dynamic_config: ${scalar(temporal.dynamic_config)}`, "server tuning, e.g. {frontend.rps: 2400}"],
    [`    # ui_version: ${quoted(uiExample)}`, "unset: the UI release paired with the server"],
    [`    # db_plugin: ${pluginExample}`, "unset: chosen from the two versions"],
    [`    # image: registry.example.com/${officialTemporalImage(temporal.version)}`, ""],
    [`    # ui_image: registry.example.com/temporalio/ui:${uiExample}`, ""],
    "    # resources: {memory: 1g, cpus: 2}",
    "    # ui_resources: {memory: 256m}",
  ];
  return lines.map(renderLine).join("\n") + "\n";
}

/** The schema's defaults with the newcomer's versions. */
function newcomerConfig(): MyceliumConfig {
  const defaults = defaultConfig();
  const { postgres, temporal } = defaults.services;
  return {
    ...defaults,
    services: {
      ...defaults.services,
      postgres: { ...postgres, version: NEWCOMER_VERSIONS.postgres },
      temporal: { ...temporal, version: NEWCOMER_VERSIONS.temporal },
    },
  };
}

function renderLine(line: Line): string {
  if (typeof line === "string") return line;
  const [yaml, comment] = line;
  if (!comment) return yaml;
  return `${yaml.padEnd(COMMENT_COLUMN - 1)} # ${comment}`;
}

/** Versions are always quoted, as the guide writes them: `1.22.0` happens to stay text, `15.10` would not. */
function quoted(version: string): string {
  return JSON.stringify(version);
}

/** A value as YAML writes it: quoted only where a plain scalar would change type ("1.0"). */
function scalar(value: unknown): string {
  return stringify(value).trimEnd();
}
