import path from "node:path";
import type Docker from "dockerode";
import { composeNames, type ComposeService } from "../compose/compose-model";
import { containerLabels } from "./project-resources";

const NANOS_PER_SECOND = 1_000_000_000;

/** Docker's memory syntax (`512m`, `2g`, bytes) in bytes. */
export function memoryLimitBytes(limit: string): number {
  const match = /^([0-9.]+)([bkmg]?)$/i.exec(limit.trim());
  if (!match) throw new Error(`invalid memory limit ${limit}`);
  const unit = { "": 1, b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[
    match[2]!.toLowerCase() as "" | "b" | "k" | "m" | "g"
  ];
  return Math.round(Number(match[1]) * unit);
}

/**
 * Translate a compose service into Docker Engine create options: the same container that
 * `docker-compose up` would make from the generated file, with compose's labels.
 */
export function containerCreateOptions(
  project: string,
  service: ComposeService,
  secrets: Record<string, string>,
  configHash: string,
  deploymentDir: string,
): Docker.ContainerCreateOptions {
  const network = composeNames.network(project);
  const env = Object.entries(service.environment).map(
    ([key, value]) => `${key}=${typeof value === "string" ? value : (secrets[value.secret] ?? "")}`,
  );
  const exposed = Object.fromEntries(service.ports.map((p) => [`${p.containerPort}/tcp`, {}]));
  const bindings = Object.fromEntries(
    service.ports.map((p) => [`${p.containerPort}/tcp`, [{ HostIp: p.hostIp, HostPort: String(p.hostPort) }]]),
  );
  const mounts = service.mounts.map((m) =>
    m.type === "volume"
      ? {
          Type: "volume" as const,
          Source: composeNames.volume(project, m.volume),
          Target: m.target,
          ReadOnly: m.readOnly ?? false,
        }
      : {
          Type: "bind" as const,
          Source: path.resolve(deploymentDir, m.source),
          Target: m.target,
          ReadOnly: m.readOnly,
        },
  );
  const { healthcheck } = service;
  return {
    name: service.containerName,
    Image: service.image,
    ...(service.command ? { Cmd: service.command } : {}),
    ...(service.user ? { User: service.user } : {}),
    Env: env,
    Labels: containerLabels(project, service.name, configHash, deploymentDir),
    ExposedPorts: exposed,
    // A job has none, and must not inherit one from its image.
    Healthcheck: healthcheck
      ? {
          Test: healthcheck.test,
          Interval: healthcheck.intervalSeconds * NANOS_PER_SECOND,
          Timeout: healthcheck.timeoutSeconds * NANOS_PER_SECOND,
          Retries: healthcheck.retries,
          StartPeriod: healthcheck.startPeriodSeconds * NANOS_PER_SECOND,
        }
      : { Test: ["NONE"] },
    HostConfig: {
      PortBindings: bindings,
      Mounts: mounts,
      RestartPolicy: { Name: service.role === "job" ? "no" : "unless-stopped", MaximumRetryCount: 0 },
      // An init process as PID 1 forwards SIGTERM, so `stop` is quick and clean.
      Init: true,
      NetworkMode: network,
      ...(service.extraHosts.length ? { ExtraHosts: service.extraHosts } : {}),
      ...(service.memoryLimit ? { Memory: memoryLimitBytes(service.memoryLimit) } : {}),
      ...(service.cpus ? { NanoCpus: Math.round(service.cpus * NANOS_PER_SECOND) } : {}),
    },
    NetworkingConfig: {
      EndpointsConfig: { [network]: { Aliases: [service.name] } },
    },
  };
}
