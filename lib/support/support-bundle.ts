import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadConfig } from "../config/config-service";
import { defaultConfig } from "../config/schema";
import { deploymentDirectory, passwordsIn, readDeploymentSecrets } from "../deploy/deployment-files";
import { readStackStatus } from "../deploy/stack-status";
import { diagnose } from "../diagnose/diagnose";
import { checkEngine } from "../docker/docker-client";
import { tailContainerLogs } from "../docker/container-logs";
import { toMyceliumError } from "../errors";
import { redactSecrets } from "../security/redact";
import { validateDeployment } from "../validation/deployment-validator";
import { createTarGz, type ArchiveEntry } from "./tar-archive";
import type { ProjectContext } from "../stack/project-context";

const LOG_LINES = 200;

const README = `Mycelium support bundle
=======================
Attach this archive to a bug report. It holds:
  report.txt / report.json   the health report (every check, its result and timing)
  diagnoses.json             what Mycelium thinks is wrong, root cause first
  config.yaml                your Mycelium config file
  deployment/                the generated docker-compose.yml, dynamic config and .env
  containers.json            each container's state, health, restarts, exit code
  logs/<service>.log         the last ${LOG_LINES} lines of each container's log
  environment.json           Docker engine, Node.js and OS versions
  errors.txt                 parts that could not be collected, and why
Secrets are redacted: the PostgreSQL password never appears in it.
`;

async function readTextFile(file: string): Promise<string | null> {
  try {
    return await fs.readFile(file, "utf8");
  } catch {
    return null;
  }
}

async function listFiles(directory: string, prefix = ""): Promise<string[]> {
  const entries = await fs.readdir(directory, { withFileTypes: true }).catch(() => []);
  const files: string[] = [];
  for (const entry of entries) {
    const relative = path.join(prefix, entry.name);
    if (entry.isDirectory()) files.push(...(await listFiles(path.join(directory, entry.name), relative)));
    else if (entry.isFile() && !entry.name.startsWith(".deploy.lock")) files.push(relative);
  }
  return files;
}

export interface SupportBundle {
  fileName: string;
  archive: Buffer;
}

/**
 * Everything a maintainer needs to understand a broken stack, in one archive, with every
 * secret redacted. Each part is collected on its own: a dead daemon costs the logs, not the
 * bundle.
 */
export async function createSupportBundle({ engine, paths }: ProjectContext, now = new Date()): Promise<SupportBundle> {
  const { docker } = engine;
  const { configPath } = paths;
  const loaded = await loadConfig(configPath);
  const config = loaded.config ?? defaultConfig();
  const project = config.project_name;
  const directory = deploymentDirectory(project, paths.deploymentsRoot);
  const secrets = await readDeploymentSecrets(directory).catch(() => null);
  const passwords = passwordsIn(secrets);
  const redact = (text: string) => redactSecrets(text, passwords);
  const stamp = now.toISOString().replace(/[:.]/g, "-");
  const root = `mycelium-support-${project}-${stamp}`.slice(0, 80);
  const entries: ArchiveEntry[] = [];
  const errors: string[] = [];
  const add = (name: string, content: string) => entries.push({ path: `${root}/${name}`, content: redact(content) });
  const attempt = async (part: string, collect: () => Promise<void>) => {
    try {
      await collect();
    } catch (error) {
      const failure = toMyceliumError(error);
      errors.push(
        `${part}: ${failure.type === "internal" && error instanceof Error ? error.message : failure.message}`,
      );
    }
  };

  add("README.txt", README);
  add("config.yaml", loaded.text || `# no readable config at ${configPath}\n`);
  await attempt("health report", async () => {
    const report = await validateDeployment({ config, deploymentDir: directory, engine });
    const json = report.toJSON();
    add("report.txt", `${report.formatSummary()}\n`);
    add("report.json", `${JSON.stringify(json, null, 2)}\n`);
    add("diagnoses.json", `${JSON.stringify(diagnose(json), null, 2)}\n`);
  });
  await attempt("generated files", async () => {
    for (const file of await listFiles(directory)) {
      const text = await readTextFile(path.join(directory, file));
      // `add` redacts: the .env's password line is masked like any other password assignment.
      if (text !== null) add(`deployment/${file}`, text);
    }
  });
  await attempt("containers and logs", async () => {
    const status = await readStackStatus(docker, project);
    add("containers.json", `${JSON.stringify(status, null, 2)}\n`);
    for (const service of status.services) {
      const lines = await tailContainerLogs(docker, service.containerId, LOG_LINES, passwords);
      add(`logs/${service.service}.log`, `${lines.join("\n")}\n`);
    }
  });
  await attempt("environment", async () => {
    const engine = await checkEngine(docker).catch((error: unknown) => ({ error: toMyceliumError(error).message }));
    add(
      "environment.json",
      `${JSON.stringify(
        {
          engine,
          node: process.version,
          os: `${os.type()} ${os.release()} ${os.arch()}`,
          createdAt: now.toISOString(),
        },
        null,
        2,
      )}\n`,
    );
  });
  add("errors.txt", errors.length ? `${errors.join("\n")}\n` : "nothing failed\n");

  // Last line of defence: the archive must not contain the password, whatever a part did.
  if (passwords.some((password) => entries.some((entry) => String(entry.content).includes(password)))) {
    throw new Error("support bundle would contain the PostgreSQL password; refusing to write it");
  }
  return { fileName: `${root}.tar.gz`, archive: createTarGz(entries, Math.floor(now.getTime() / 1000)) };
}
