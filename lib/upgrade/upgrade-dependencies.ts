import { createBackupLocked } from "../backup/create-backup";
import { acquireMaintenanceLock } from "../backup/maintenance-lock";
import { findPostgresTarget } from "../backup/postgres-target";
import { editConfigFile } from "../config/config-service";
import type { MyceliumConfig } from "../config/schema";
import { runDeployLocked } from "../deploy/deploy-session";
import { deploymentDirectory, readDeploymentPasswords } from "../deploy/deployment-files";
import { readStackStatus } from "../deploy/stack-status";
import { tailContainerLogs } from "../docker/container-logs";
import { validateDeployment } from "../validation/deployment-validator";
import { recordValidation } from "../validation/validation-history";
import type { UpgradeDependencies } from "./run-upgrade";
import { saveUpgradeRecord } from "./upgrade-history";
import type { ProjectContext } from "../stack/project-context";

const LOG_TAIL_LINES = 30;

/** The real engine, config file, backup, deploy and validation behind an upgrade. */
export function upgradeDependencies({ engine, paths }: ProjectContext): UpgradeDependencies {
  const { docker } = engine;
  const deploymentDirOf = (config: MyceliumConfig) => deploymentDirectory(config.project_name, paths.deploymentsRoot);
  const readServices = async (config: MyceliumConfig) => (await readStackStatus(docker, config.project_name)).services;
  return {
    acquireLock: (config) => acquireMaintenanceLock(deploymentDirOf(config), "upgrade"),
    readServices,
    validate: async (config) => {
      const report = await validateDeployment({ config, deploymentDir: deploymentDirOf(config), engine });
      // Kept in the health history like any run, so the health page's timeline shows the upgrade's.
      await recordValidation(report);
      const rootCauses = report.rootCauses();
      const warnings = report.checks.filter((check) => check.status === "warn");
      return {
        status: report.status,
        problems: [...rootCauses, ...warnings].map((check) => check.message),
        settling: report.settling(),
      };
    },
    backup: async (config) => {
      const target = await findPostgresTarget(docker, config);
      return (await createBackupLocked(docker, config, target, { reason: "before-upgrade" })).manifest.id;
    },
    editConfig: (edits) => editConfigFile(paths.configPath, edits),
    deploy: (config, emit) => runDeployLocked(engine, config, emit),
    serviceLogs: async (config, service) => {
      const container = (await readServices(config)).find((entry) => entry.service === service);
      if (!container) return [];
      const passwords = await readDeploymentPasswords(config.project_name);
      return tailContainerLogs(docker, container.containerId, LOG_TAIL_LINES, passwords);
    },
    saveRecord: (record) => saveUpgradeRecord(record, paths.stateDirectory),
    now: () => new Date(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  };
}
