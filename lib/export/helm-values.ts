import { isIP } from "node:net";
import { stringify } from "yaml";
import {
  deployableTemporalVersions,
  deploymentShape,
  matchTemporalRelease,
  parseVersion,
  TEMPORAL_CONNECTION_CEILING,
  TEMPORAL_CONNECTIONS,
} from "../config/compat";
import { reusesExistingPostgres, type MyceliumConfig } from "../config/schema";
import { dynamicConfigDocument } from "../compose/render-dynamic-config";
import { MyceliumError } from "../errors";
import { hostPort } from "../net/host-port";
import { namespaceRetentionEnv, resolveStackDecisions, visibilityDatabase } from "../stack/stack-settings";

/**
 * A `values.yaml` for temporalio/helm-charts 1.x from the same config a local deploy uses:
 * Temporal's images, an external PostgreSQL for both datastores (the chart bundles none),
 * the password only in a separate Secret, history shards, the namespace, dynamic config and
 * resources. Keys and their meaning: shared/reference/current-temporal.md §6, and the chart's
 * values.yaml at tag temporal-1.6.0. Pure: the CLI writes the files, the dashboard shows them.
 */

/** The chart release the keys were checked against; NOTES pins it. */
export const HELM_CHART = {
  repository: "https://go.temporal.io/helm-charts",
  name: "temporal",
  version: "1.6.0",
  appVersion: "1.31.2",
} as const;

/** The Secret both datastores read the password from (`existingSecret` + `secretKey`). */
const HELM_SECRET = { name: "temporal-postgres", key: "password" } as const;

/** The files an export writes; NOTES refers to them by these names. */
export const HELM_EXPORT_FILES = {
  values: "values.yaml",
  secret: `${HELM_SECRET.name}-secret.yaml`,
  notes: "NOTES.txt",
} as const;

/** `helm install`'s release name: the chart's services are then `temporal-frontend`, `temporal-web`… */
const RELEASE_NAME = "temporal";

/** The external PostgreSQL as the cluster's pods reach it. */
export interface ExternalPostgres {
  /** null: not given; a reused server's settings cannot supply it (127.0.0.1 is the pod itself). */
  host: string | null;
  /** null: the reused server's port, else 5432. */
  port: number | null;
  /** null: `services.postgres.user`. */
  user: string | null;
}

export interface HelmExportOptions {
  postgres: ExternalPostgres;
  /** The database password for the Secret; null: no Secret manifest (the dashboard never has one). */
  password: string | null;
}

export interface HelmExport {
  valuesYaml: string;
  /** The Secret the values point to; `manifest` is null when no password was given. */
  secret: { name: string; key: string; namespace: string; manifest: string | null };
  notes: string;
}

/**
 * Helm reads values as YAML 1.1, where an unquoted `yes`, `on` or `0755` is not a string:
 * written for 1.1, such strings are quoted.
 */
const HELM_YAML = { version: "1.1" } as const;

/** Temporal's own pool sizes per service, as the local stack runs them (compat.ts). */
const POOLS = TEMPORAL_CONNECTIONS.poolPerService;
const DEFAULT_POSTGRES_PORT = 5432;
const HOSTNAME_PATTERN =
  /^[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(\.[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;
/**
 * The chart's namespace job names a container `create-<namespace>-namespace`: Kubernetes takes
 * only a DNS label there (lower case, digits, '-', at most 63 characters in all).
 */
const CHART_NAMESPACE_PATTERN = /^[a-z0-9]([a-z0-9-]{0,44}[a-z0-9])?$/;

function badInput(code: string, message: string, hint: string): MyceliumError {
  return new MyceliumError(`bad_request:${code}`, message, { hint });
}

/**
 * The export covers the releases Mycelium deploys as server + admin-tools (1.30+), the images
 * the 1.x chart is made for. Older servers run there only through its dockerize shim, with
 * admin-tools tags that carry the tctl and CLI versions (`1.29.1-tctl-1.18.4-cli-1.5.0`),
 * which Mycelium cannot name for each release.
 */
function checkChartRunsVersion(version: string): void {
  const parsed = parseVersion(version);
  const shape = parsed && deploymentShape(parsed);
  if (shape === "server-and-admin-tools") return;
  if (shape === "auto-setup") {
    throw badInput(
      "helm_temporal_version",
      `The Helm export needs Temporal 1.30 or later, not ${version}: the 1.x chart is ` +
        `made for the slim temporalio/server and admin-tools images of 1.30+, and runs ` +
        `older servers only through a shim with admin-tools tags Mycelium cannot name.`,
      "Upgrade the stack to a 1.30+ release first (`mycelium upgrade --to …`), then export again.",
    );
  }
  const match = matchTemporalRelease(version);
  const why = match.ok ? "Mycelium has not checked the chart with that release" : match.reason;
  throw badInput(
    "helm_temporal_version",
    `Temporal ${version} cannot be exported: ${why}.`,
    `Set services.temporal.version to a release from 1.30 on, such as ${deployableTemporalVersions()[0]}.`,
  );
}

function checkHost(host: string | null, config: MyceliumConfig): string {
  if (host === null || host.trim() === "") {
    const reused = reusesExistingPostgres(config)
      ? ` Your config reuses the PostgreSQL on this machine's port ` +
        `${config.services.postgres.port}: give the name the cluster's pods reach it by.`
      : "";
    throw badInput(
      "helm_database_address",
      "The Helm chart needs an external PostgreSQL address: it bundles no database.",
      `Pass --postgres-host (and --postgres-port) with the server's address as the cluster's pods see it.${reused}`,
    );
  }
  if (host.includes("@") || host.includes("/")) {
    throw badInput(
      "helm_database_address",
      "The PostgreSQL address must be a host name or IP address, " +
        "not a URL: a URL's credentials would land in the values.",
      "Give the host alone (e.g. postgres.example.com); the password goes into the Secret.",
    );
  }
  if (!HOSTNAME_PATTERN.test(host) && isIP(host) === 0) {
    throw badInput(
      "helm_database_address",
      `"${host.slice(0, 80)}" is not a host name or IP address.`,
      "Give the host alone, e.g. postgres.example.com or 10.0.0.5.",
    );
  }
  return host;
}

function checkNamespaceName(namespace: string): void {
  if (CHART_NAMESPACE_PATTERN.test(namespace)) return;
  throw badInput(
    "helm_namespace_name",
    `The chart cannot create namespace "${namespace}": its namespace job names a Kubernetes ` +
      `container after it, which takes only lower-case letters, digits and '-' (at most 46 characters).`,
    "Use such a name in services.temporal.namespace for the " +
      "export, or create the namespace yourself after the install.",
  );
}

/** `temporalio/server:1.32.2` → repository and tag; a digest cannot be given to the chart's `repository:tag`. */
function imageValue(reference: string): { repository: string; tag: string } {
  if (reference.includes("@")) {
    throw badInput(
      "helm_image",
      `The chart takes an image as repository and tag, not by digest: ${reference}.`,
      "Set the image by tag in the config.",
    );
  }
  const colon = reference.lastIndexOf(":");
  if (colon > reference.lastIndexOf("/"))
    return { repository: reference.slice(0, colon), tag: reference.slice(colon + 1) };
  return { repository: reference, tag: "latest" };
}

/** Docker's `512m` is Kubernetes' `512Mi` (its `512m` would be half a byte). */
const MEMORY_UNITS: Record<string, string> = { b: "", k: "Ki", m: "Mi", g: "Gi" };

/** A container's Docker limits as Kubernetes resource limits; undefined when none is set. */
function resourceLimits(resources: { memory?: string; cpus?: number }) {
  const limits: { memory?: string; cpu?: string } = {};
  if (resources.memory) {
    const unit = resources.memory.at(-1)!.toLowerCase();
    limits.memory = unit in MEMORY_UNITS ? `${resources.memory.slice(0, -1)}${MEMORY_UNITS[unit]}` : resources.memory;
  }
  if (resources.cpus !== undefined) limits.cpu = `${Math.round(resources.cpus * 1000)}m`;
  return Object.keys(limits).length > 0 ? { limits } : undefined;
}

function datastore(database: string, connectAddr: string, plugin: string, user: string, pool: number) {
  return {
    sql: {
      // The schema job creates the database and brings its schema to the server's version.
      createDatabase: true,
      manageSchema: true,
      pluginName: plugin,
      driverName: plugin,
      databaseName: database,
      connectAddr,
      connectProtocol: "tcp",
      user,
      existingSecret: HELM_SECRET.name,
      secretKey: HELM_SECRET.key,
      maxConns: pool,
      maxIdleConns: pool,
      maxConnLifetime: "1h",
    },
  };
}

function renderSecretManifest(namespace: string, password: string): string {
  return stringify(
    {
      apiVersion: "v1",
      kind: "Secret",
      metadata: { name: HELM_SECRET.name, namespace },
      type: "Opaque",
      stringData: { [HELM_SECRET.key]: password },
    },
    HELM_YAML,
  );
}

function renderNotes(
  config: MyceliumConfig,
  namespace: string,
  connectAddr: string,
  user: string,
  hasSecret: boolean,
): string {
  const { postgres, temporal } = config.services;
  const resourcesNote = resourceLimits(temporal.resources)
    ? "\n- services.temporal.resources are the limits of each of the four server Deployments " +
      "(Kubernetes takes\n  them as requests too): one local process becomes four pods."
    : "";
  const secretStep = hasSecret
    ? `kubectl apply -f ${HELM_EXPORT_FILES.secret}`
    : `kubectl create secret generic ${HELM_SECRET.name} --namespace ` +
      `${namespace} --from-literal=${HELM_SECRET.key}='<the password of ${user}>'`;
  return (
    `Temporal ${temporal.version} on Kubernetes: temporalio/helm-charts ${HELM_CHART.version}, ` +
    `PostgreSQL at ${connectAddr}

Install, from the folder of these files (the Secret must exist before the chart's schema job starts):
  kubectl create namespace ${namespace}
  ${secretStep}
  helm install ${RELEASE_NAME} ${HELM_CHART.name} --repo ${HELM_CHART.repository} --version ${HELM_CHART.version} \\
    --namespace ${namespace} -f ${HELM_EXPORT_FILES.values} --timeout 900s

What the chart does:
- Its schema job (a pre-install/pre-upgrade hook on temporalio/admin-tools) runs, for ${postgres.database} and
  ${visibilityDatabase(config)}: temporal-sql-tool create-database, then setup-schema -v 0.0 && update-schema.
  ${user} needs CREATEDB, and the visibility schema creates the btree_gin extension (or create both databases
  and the extension beforehand). Re-running it on an existing schema changes nothing.
- A namespace job registers ${temporal.namespace} (retention ${temporal.namespace_retention}), ` +
    `retrying until the frontend answers.
- The server runs as four Deployments (frontend, history, matching, worker) with ` +
    `${temporal.history_shards} history shards,
  fixed once the cluster is initialised. Together they open up to ${TEMPORAL_CONNECTION_CEILING} connections ` +
    `(${POOLS.main} + ${POOLS.visibility} each):
  max_connections on ${connectAddr} must allow them.${resourcesNote}
- The password is only in the Secret ${HELM_SECRET.name} (key ${HELM_SECRET.key}); values.yaml names it.

Then: kubectl --namespace ${namespace} port-forward svc/${RELEASE_NAME}-frontend 7233:7233${
      temporal.ui_enabled
        ? `
      kubectl --namespace ${namespace} port-forward svc/${RELEASE_NAME}-web 8080:8080`
        : ""
    }
`
  );
}

export function renderHelmExport(config: MyceliumConfig, options: HelmExportOptions): HelmExport {
  const { postgres, temporal } = config.services;
  if (!temporal.enabled) {
    throw new MyceliumError(
      "conflict:temporal_disabled",
      "Temporal is disabled in the config: there is nothing to export.",
      {
        hint: "Set services.temporal.enabled to true.",
      },
    );
  }
  checkChartRunsVersion(temporal.version);
  checkNamespaceName(temporal.namespace);
  const host = checkHost(options.postgres.host, config);
  const reused = reusesExistingPostgres(config);
  const port = options.postgres.port ?? (reused ? postgres.port : DEFAULT_POSTGRES_PORT);
  const user = options.postgres.user ?? postgres.user;
  const connectAddr = hostPort(host, port);
  const decisions = resolveStackDecisions(config);
  // A Kubernetes namespace of the project's name: PROJECT_NAME_PATTERN is a DNS label.
  const namespace = config.project_name;

  const values = {
    server: {
      image: imageValue(decisions.images.temporal),
      resources: resourceLimits(temporal.resources),
      dynamicConfig: dynamicConfigDocument(temporal.dynamic_config),
      config: {
        persistence: {
          defaultStore: "default",
          visibilityStore: "visibility",
          numHistoryShards: temporal.history_shards,
          datastores: {
            default: datastore(postgres.database, connectAddr, decisions.dbPlugin, user, POOLS.main),
            visibility: datastore(visibilityDatabase(config), connectAddr, decisions.dbPlugin, user, POOLS.visibility),
          },
        },
        namespaces: {
          create: true,
          namespace: [{ name: temporal.namespace, retention: namespaceRetentionEnv(temporal.namespace_retention) }],
        },
      },
    },
    admintools: { image: imageValue(decisions.images.adminTools) },
    web: temporal.ui_enabled
      ? { image: imageValue(decisions.images.ui), resources: resourceLimits(temporal.ui_resources) }
      : { enabled: false },
    // Chart 1.6.0 mounts a dockerize shim for 1.29 images by default; the slim images need none.
    shims: { dockerize: false },
  };
  const valuesYaml =
    `# temporalio/helm-charts ${HELM_CHART.version} values for ${config.project_name}, ` +
    `generated by Mycelium. No password here: see NOTES.\n${stringify(values, HELM_YAML)}`;
  const password = options.password || null;
  const notes = renderNotes(config, namespace, connectAddr, user, password !== null);
  if (password !== null && (valuesYaml.includes(password) || notes.includes(password))) {
    throw badInput(
      "helm_password_in_values",
      "The database password also appears in the values as another " +
        "setting's text, so anyone who reads values.yaml would read it.",
      "Give the database user a password that is not also a name, address or setting of this config.",
    );
  }
  return {
    valuesYaml,
    secret: {
      ...HELM_SECRET,
      namespace,
      manifest: password === null ? null : renderSecretManifest(namespace, password),
    },
    notes,
  };
}
