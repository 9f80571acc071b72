import type { MyceliumConfig } from "../config/schema";
import { hostPort, httpBaseUrl } from "../net/host-port";
import { resolveValidationOptions, type ValidationOptions } from "../validation/validation-options";
import { CLIENT_SNIPPETS, type ClientSnippet } from "./client-snippets";
import type { EngineAddresses } from "../stack/engine-target";

/**
 * What an app on this machine needs to reach the stack ("Connect your app"): the frontend
 * address and namespace as this machine reaches them, the Temporal UI, the environment
 * variables and profile of Temporal's environment configuration, and the PostgreSQL URL with
 * its password masked. Pure: the API, the CLI and the pages all show these same facts.
 */

/** Where the Temporal UI is, or why there is none. */
export type TemporalUi = { enabled: true; url: string; workflowsUrl: string } | { enabled: false; reason: string };

export interface ConnectionFacts {
  project: string;
  /** null: Temporal is disabled in the config. */
  temporal: { address: string; namespace: string } | null;
  ui: TemporalUi;
  /** `TEMPORAL_ADDRESS`, `TEMPORAL_NAMESPACE`: what the SDKs and the CLI read. */
  environment: { name: string; value: string }[];
  /** `export NAME='value'` lines a shell can `eval`. */
  exports: string;
  snippets: readonly ClientSnippet[];
  /** The URL never holds the password: revealing it is a POST of its own. */
  postgres: { maskedUrl: string; passwordSet: boolean; reused: boolean } | null;
  /** The profile a write creates by default (the project's name), and the file it goes to. */
  profile: { name: string; path: string | null };
}

const PASSWORD_MASK = "****";

type PostgresAddress = Pick<ValidationOptions, "postgresUser" | "postgresHost" | "postgresPort" | "postgresDatabase">;

/** `postgresql://user[:password]@host:port/database`, each part URL-encoded. */
export function postgresUrl(options: PostgresAddress, password: string | null): string {
  const secret = password === null ? "" : `:${encodeURIComponent(password)}`;
  const address = hostPort(options.postgresHost, options.postgresPort);
  return `postgresql://${encodeURIComponent(options.postgresUser)}${secret}@${address}/${options.postgresDatabase}`;
}

/** A value quoted for a POSIX shell. */
export function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

function temporalUi(options: ValidationOptions): TemporalUi {
  if (!options.checkTemporal) return { enabled: false, reason: "Temporal is disabled in config" };
  if (options.temporalUiPort === null) return { enabled: false, reason: "UI disabled in config" };
  const url = httpBaseUrl(options.temporalHost, options.temporalUiPort);
  const workflowsUrl = `${url}/namespaces/${encodeURIComponent(options.temporalNamespace)}/workflows`;
  return { enabled: true, url, workflowsUrl };
}

/** The facts for `config`, with the user from the deployment's `.env` (null before a deploy). */
export function connectionFacts(
  config: MyceliumConfig,
  env: Record<string, string> | null,
  profilePath: string | null,
  engine: EngineAddresses,
): ConnectionFacts {
  const options = resolveValidationOptions(config, env, engine);
  const namespace = options.temporalNamespace;
  const temporal = options.checkTemporal
    ? { address: hostPort(options.temporalHost, options.temporalPort), namespace }
    : null;
  const environment = temporal
    ? [
        { name: "TEMPORAL_ADDRESS", value: temporal.address },
        { name: "TEMPORAL_NAMESPACE", value: temporal.namespace },
      ]
    : [];
  const passwordSet = options.postgresPassword !== "";
  return {
    project: config.project_name,
    temporal,
    ui: temporalUi(options),
    environment,
    exports: environment.map(({ name, value }) => `export ${name}=${shellQuote(value)}`).join("\n"),
    snippets: CLIENT_SNIPPETS,
    postgres: options.checkPostgres
      ? {
          maskedUrl: postgresUrl(options, passwordSet ? PASSWORD_MASK : null),
          passwordSet,
          reused: options.postgresReused,
        }
      : null,
    profile: { name: config.project_name, path: profilePath },
  };
}
