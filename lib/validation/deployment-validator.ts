import type Docker from "dockerode";
import { defaultConfig, type MyceliumConfig } from "../config/schema";
import { readDeploymentSecrets } from "../deploy/deployment-files";
import { readStackStatus } from "../deploy/stack-status";
import { ReusableTemporalConnection } from "../temporal/reusable-connection";
import { redactSecrets } from "../security/redact";
import { LOCAL_ADDRESSES, type EngineAddresses, type EngineTarget } from "../stack/engine-target";
import { runChecks } from "./check-runner";
import { containerChecks } from "./container-checks";
import { integrationChecks } from "./integration-checks";
import { postgresChecks } from "./postgres-checks";
import { redisChecks } from "./redis-checks";
import { temporalChecks } from "./temporal-checks";
import { uiChecks } from "./ui-checks";
import { createValidationContext, type StackReader, type ValidationContext } from "./validation-context";
import { COMPONENT_ORDER, type CheckDefinition } from "./validation-check";
import { resolveValidationOptions, type ValidationOptions } from "./validation-options";
import { deferToSettling, ValidationReport, type ValidationTarget } from "./validation-report";

/**
 * How long a finished run waits for checks that lost their deadline to finish their own
 * cleanup (terminating the probe workflow) before the connections are closed under them.
 */
const LATE_WORK_GRACE_MS = 500;

export interface ValidatorDependencies {
  /** The config being validated; the defaults (the guide's Step 1) when unset. */
  config?: MyceliumConfig;
  /** The deployment's `.env` (POSTGRES_USER, POSTGRES_PASSWORD, POSTGRES_DB); null before a first deploy. */
  env?: Record<string, string> | null;
  /**
   * The engine whose containers are checked and whose published ports are probed; null turns
   * the container checks off and probes this machine's loopback.
   */
  engine: EngineTarget | null;
  /** Overrides how the stack's containers are read (tests). */
  readStack?: StackReader;
  /**
   * Keep the Temporal gRPC channel open between runs for this long (ms); 0 opens and closes
   * one per run. PostgreSQL logins are always fresh: a kept session would not notice a
   * changed password.
   */
  temporalIdleMs?: number;
}

/** Every check for these options, grouped by component with each container check first. */
export function buildValidationChecks(
  options: ValidationOptions,
  withContainers: boolean,
): CheckDefinition<ValidationContext>[] {
  const checks = [
    ...(withContainers ? containerChecks(options) : []),
    ...(options.checkPostgres ? postgresChecks(options) : []),
    ...(options.checkTemporal ? temporalChecks(options) : []),
    ...(options.checkTemporal && options.temporalUiPort !== null ? uiChecks(options, options.temporalUiPort) : []),
    ...(options.checkPostgres && options.checkTemporal ? integrationChecks(options) : []),
    ...(options.redisPort !== null ? redisChecks(options, options.redisPort) : []),
  ];
  const position = (c: CheckDefinition<ValidationContext>) => COMPONENT_ORDER.indexOf(c.component);
  return checks
    .map((check, index) => ({ check, index }))
    .sort((a, b) => position(a.check) - position(b.check) || a.index - b.index)
    .map((x) => x.check);
}

function targetOf(options: ValidationOptions): ValidationTarget {
  return {
    project: options.project,
    postgres: options.checkPostgres
      ? {
          host: options.postgresHost,
          port: options.postgresPort,
          database: options.postgresDatabase,
          visibilityDatabase: options.postgresVisibilityDatabase,
          user: options.postgresUser,
        }
      : null,
    temporal: options.checkTemporal
      ? {
          host: options.temporalHost,
          port: options.temporalPort,
          namespace: options.temporalNamespace,
          version: options.temporalVersion,
          dbPlugin: options.dbPlugin,
        }
      : null,
    ui:
      options.checkTemporal && options.temporalUiPort !== null
        ? { host: options.temporalHost, port: options.temporalUiPort }
        : null,
    redis: options.redisPort !== null ? { host: options.redisHost, port: options.redisPort } : null,
  };
}

/**
 * The guide's `DeploymentValidator`: checks PostgreSQL, Temporal, the UI, their integration
 * and the containers, concurrently and each under its own deadline, and returns a report.
 */
export class DeploymentValidator {
  private readonly config: MyceliumConfig;
  private readonly env: Record<string, string> | null;
  private readonly docker: Docker | null;
  private readonly addresses: EngineAddresses;
  private readonly readStack: StackReader | null;
  private readonly temporal: ReusableTemporalConnection | null;

  constructor(dependencies: ValidatorDependencies) {
    this.config = dependencies.config ?? defaultConfig();
    this.env = dependencies.env ?? null;
    const { engine } = dependencies;
    this.docker = engine?.docker ?? null;
    this.addresses = engine ?? LOCAL_ADDRESSES;
    const docker = this.docker;
    const project = this.config.project_name;
    this.readStack = dependencies.readStack ?? (docker ? () => readStackStatus(docker, project) : null);
    const idleMs = dependencies.temporalIdleMs ?? 30_000;
    this.temporal = idleMs > 0 ? new ReusableTemporalConnection(idleMs) : null;
  }

  /** Close the kept Temporal channel now (it also closes by itself when idle). */
  async close(): Promise<void> {
    await this.temporal?.close();
  }

  /** The options a run uses: the config and `.env`, then `overrides`. */
  options(overrides: Partial<ValidationOptions> = {}): ValidationOptions {
    return resolveValidationOptions(this.config, this.env, this.addresses, overrides);
  }

  async validate(overrides: Partial<ValidationOptions> = {}): Promise<ValidationReport> {
    const options = this.options(overrides);
    const checks = buildValidationChecks(options, this.readStack !== null);
    const context = createValidationContext(options, {
      docker: this.docker,
      readStack: this.readStack,
      temporal: this.temporal,
    });
    const startedAt = new Date().toISOString();
    try {
      const outcome = await runChecks(checks, context, {
        mode: options.mode,
        defaultTimeoutMs: options.checkTimeoutMs,
        redact: (text) => redactSecrets(text, context.secrets),
      });
      let grace: NodeJS.Timeout | undefined;
      await Promise.race([
        outcome.settled,
        new Promise<void>((resolve) => (grace = setTimeout(resolve, LATE_WORK_GRACE_MS))),
      ]);
      clearTimeout(grace);
      const containers = [...context.containers.values()];
      return new ValidationReport({
        project: options.project,
        startedAt,
        durationMs: outcome.durationMs,
        mode: options.mode,
        target: targetOf(options),
        checks: deferToSettling(outcome.results, containers),
        containers,
      });
    } finally {
      // Not awaited: the report is complete, and a connection's slot is freed when the server
      // ends its backend, not when our socket closes, so waiting would only delay the answer.
      void context.close().catch(() => undefined);
    }
  }
}

/** The deployment a one-off validation run checks. */
export interface ValidatedDeployment {
  config: MyceliumConfig;
  /** Its generated files; the credentials come from the `.env` there. */
  deploymentDir: string;
  engine: EngineTarget;
}

/**
 * The guide's `validate_deployment(...)` shortcut: validates a deployment (credentials from its
 * `.env`), with any option overridden.
 */
export async function validateDeployment(
  { config, deploymentDir, engine }: ValidatedDeployment,
  overrides: Partial<ValidationOptions> = {},
): Promise<ValidationReport> {
  const env = await readDeploymentSecrets(deploymentDir);
  // A one-off run: no channel is kept for a next one.
  return new DeploymentValidator({ config, env, engine, temporalIdleMs: 0 }).validate(overrides);
}
