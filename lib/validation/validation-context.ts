import type Docker from "dockerode";
import type { Connection } from "@temporalio/client";
import type { ServiceStatus, StackStatus } from "../deploy/stack-status";
import type { ServerOverview } from "../postgres/postgres-queries";
import { PostgresSession } from "../postgres/postgres-session";
import type { ReusableTemporalConnection } from "../temporal/reusable-connection";
import { openTemporalConnection } from "../temporal/temporal-connection";
import { VALIDATOR_APPLICATION_NAME, type ValidationOptions } from "./validation-options";
import { hostPort } from "../net/host-port";

/** A container as the validation saw it, with its last log lines when it looked unwell. */
export interface ContainerEvidence {
  service: string;
  containerName: string;
  state: string;
  health: ServiceStatus["health"];
  restartCount: number;
  oomKilled: boolean;
  exitCode: number | null;
  error: string | null;
  /** Seconds since the container's current run started; null when it is not running (absent in older reports). */
  uptimeSeconds?: number | null;
  /** Last lines (redacted), collected only for a failing or warning container. */
  logs: string[];
}

/** Reads the stack's containers; injected so the validator does not depend on the engine directly. */
export type StackReader = () => Promise<StackStatus>;

/** Shared state of one validation run: lazily opened connections and findings checks pass on. */
export interface ValidationContext {
  options: ValidationOptions;
  postgres: PostgresSession;
  /** Opened on first use; closed by `closeValidationContext`. */
  temporal(): Connection;
  /** Known secret values, for redaction of anything we collect. */
  secrets: string[];
  docker: Docker | null;
  /** The stack's containers, read once per run; rejects when the engine does not answer. */
  stack(): Promise<StackStatus>;
  containers: Map<string, ContainerEvidence>;
  /** Facts one check learns and a dependant uses. */
  facts: {
    namespaceId?: string;
    /** The database logged in to when the configured one is missing. */
    loginDatabase?: string;
    /** Read once by the first server-wide check that needs it. */
    overview?: Promise<ServerOverview>;
    probeRunId?: string;
  };
  /** Close every connection the run opened. */
  close(): Promise<void>;
}

export interface ContextResources {
  docker: Docker | null;
  readStack: StackReader | null;
  /** A connection kept between runs; without one the run opens and closes its own. */
  temporal?: ReusableTemporalConnection | null;
}

export function createValidationContext(options: ValidationOptions, resources: ContextResources): ValidationContext {
  const address = hostPort(options.temporalHost, options.temporalPort);
  let connection: Connection | null = null;
  let stack: Promise<StackStatus> | null = null;
  return {
    options,
    postgres: new PostgresSession({
      host: options.postgresHost,
      port: options.postgresPort,
      user: options.postgresUser,
      password: options.postgresPassword,
      applicationName: VALIDATOR_APPLICATION_NAME,
      connectTimeoutMs: options.checkTimeoutMs,
      statementTimeoutMs: options.checkTimeoutMs,
    }),
    temporal() {
      connection ??= resources.temporal ? resources.temporal.acquire(address) : openTemporalConnection(address);
      return connection;
    },
    secrets: options.postgresPassword ? [options.postgresPassword] : [],
    docker: resources.docker,
    stack() {
      stack ??= resources.readStack ? resources.readStack() : Promise.reject(new Error("no Docker engine configured"));
      return stack;
    },
    containers: new Map(),
    facts: {},
    async close() {
      const temporal = connection;
      connection = null;
      if (temporal && resources.temporal) resources.temporal.release(temporal);
      else if (temporal) void temporal.close().catch(() => undefined);
      await this.postgres.close();
    },
  };
}
