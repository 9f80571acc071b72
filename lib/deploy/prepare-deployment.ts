import { randomBytes } from "node:crypto";
import type { MyceliumConfig } from "../config/schema";
import { detectEnvironment } from "../detect/detect-environment";
import { checkEngine, type EngineInfo } from "../docker/docker-client";
import { planDeployment, type DeploymentPlan, type PlanInput } from "../plan/deployment-plan";
import { deploymentDirectory, readDeploymentSecrets } from "./deployment-files";
import type { EngineTarget } from "../stack/engine-target";

/**
 * A strong password for a first deploy: 32 alphanumeric characters (~190 bits). No symbols,
 * because auto-setup puts the password into a DSN, where they break parsing.
 */
export function generatePassword(): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  const bytes = randomBytes(64);
  let password = "";
  for (const byte of bytes) {
    // Rejection sampling keeps every character equally likely.
    if (byte < 248) password += alphabet[byte % 62];
    if (password.length === 32) break;
  }
  return password;
}

export interface PreparedDeployment {
  engine: EngineInfo;
  deploymentDir: string;
  plan: DeploymentPlan;
}

/** Steps 1–2 of a deploy, with no side effect: engine check, detection, plan. */
export async function prepareDeployment(
  target: EngineTarget,
  config: MyceliumConfig,
  recreate?: PlanInput["recreate"],
): Promise<PreparedDeployment> {
  const engine = await checkEngine(target.docker);
  const deploymentDir = deploymentDirectory(config.project_name);
  const [environment, existingSecrets] = await Promise.all([
    detectEnvironment(target, config),
    readDeploymentSecrets(deploymentDir),
  ]);
  const plan = planDeployment({ config, environment, existingSecrets, generatePassword, recreate });
  return { engine, deploymentDir, plan };
}
