/**
 * The plan of an upgrade of a running stack, as data: Temporal supports upgrading one minor at
 * a time, schema first, then the server (current-temporal.md §1), so an upgrade is a chain of
 * steps, each a deploy of the next minor's newest patch. Pure: the runner and the CLI share it.
 */
import { buildComposeProject } from "../compose/build-compose-project";
import {
  compareVersions,
  DEPLOYABLE_UP_TO,
  deployableTemporalVersions,
  deploymentShape,
  expectedSchemaVersions,
  matchTemporalRelease,
  newestTemporalRelease,
  parseVersion,
  TEMPORAL_RELEASES,
  type DeploymentShape,
  type TemporalRelease,
  type Version,
} from "../config/compat";
import { checkConfigSemantics } from "../config/check-config";
import { withConfigEdits, type ConfigEdits } from "../config/config-edits";
import { reusesExistingPostgres, type MyceliumConfig } from "../config/schema";
import type { ServiceStatus } from "../deploy/stack-status";
import { MyceliumError, type ErrorCode } from "../errors";
import { resolveStackDecisions, visibilityDatabase } from "../stack/stack-settings";

export interface SchemaChange {
  database: string;
  from: string;
  to: string;
}

export interface UpgradeStep {
  /** 1-based, in the order the steps run. */
  number: number;
  version: string;
  shape: DeploymentShape;
  /** This step moves from temporalio/auto-setup to temporalio/server with admin-tools jobs. */
  shapeChange: boolean;
  /** Both databases, from the version the previous step left to the one this step expects. */
  schema: SchemaChange[];
  /** Images this step runs that the previous one did not: what its deploy pulls. */
  images: string[];
  /** The UI image the step runs, or null when the UI is off. */
  uiImage: string | null;
  /** What the step writes into the config file before its deploy. */
  configEdits: ConfigEdits;
  estimateSeconds: number;
}

export interface UpgradePlan {
  project: string;
  from: string;
  to: string;
  steps: UpgradeStep[];
  /** Edits that put the config's versions back as they were before the upgrade. */
  startEdits: ConfigEdits;
  /** Whether Mycelium takes a backup first (it cannot for a PostgreSQL it does not run). */
  backup: { taken: boolean; note: string };
  estimate: { seconds: number; basis: string };
  /** The plain warning every plan carries, then anything particular to this stack. */
  warnings: string[];
}

/** Rough figures for the estimate; ESTIMATE_BASIS says where they come from. */
const PULL_SECONDS_PER_IMAGE = 40;
const STEP_SECONDS = 45;
const VALIDATION_SECONDS = 15;
const BACKUP_SECONDS = 20;
const ESTIMATE_BASIS =
  `rough figures, not measured on this machine: ${PULL_SECONDS_PER_IMAGE} s per image to pull (about 150 MB ` +
  `at 30 Mbit/s; nothing when the image is already here), ${STEP_SECONDS} s per step for the schema ` +
  `migration, the server's start and its health, ${VALIDATION_SECONDS} s per validation and ` +
  `${BACKUP_SECONDS} s for the backup of a small database; a long history makes the backup and the ` +
  "schema migrations longer";

export const NO_DOWNGRADE_WARNING =
  "There is no downgrade: once a step has migrated the schema, the only way back to an earlier " +
  "version is restoring the backup taken before the upgrade.";

function formatVersion(version: Version): string {
  return `${version.major}.${version.minor}.${version.patch}`;
}

function refuse(code: ErrorCode, message: string, hint: string): never {
  throw new MyceliumError(code, message, { hint });
}

/** The release `text` names, or a refusal saying why it cannot be a target. */
function targetRelease(text: string): TemporalRelease {
  const match = matchTemporalRelease(text);
  if (!match.ok) {
    const code = match.problem === "retracted" ? "bad_request:target_retracted" : "bad_request:target_unknown";
    refuse(code, `Cannot upgrade to ${text.trim()}: ${match.reason}.`, `Upgrade to ${match.suggestion} instead.`);
  }
  const version = parseVersion(match.release.version) as Version;
  if (!deploymentShape(version)) {
    const newest = newestTemporalRelease({ ...DEPLOYABLE_UP_TO, patch: 0 }) as TemporalRelease;
    refuse(
      "bad_request:target_not_deployable",
      `Cannot upgrade to ${match.release.version}: Mycelium deploys Temporal up to ` +
        `${DEPLOYABLE_UP_TO.major}.${DEPLOYABLE_UP_TO.minor}.x, and a new minor may change how it is deployed.`,
      `Upgrade to ${newest.version}, the newest release Mycelium can deploy.`,
    );
  }
  return match.release;
}

/** The newest patch of every minor after `from`'s and before `to`'s, then `to` itself. */
function stepReleases(from: Version, to: TemporalRelease): TemporalRelease[] {
  const after = { ...from, patch: Number.POSITIVE_INFINITY };
  const before = { ...(parseVersion(to.version) as Version), patch: 0 };
  const lines = new Map<string, Version>();
  for (const release of TEMPORAL_RELEASES) {
    const line = { ...(parseVersion(release.version) as Version), patch: 0 };
    if (compareVersions(line, after) > 0 && compareVersions(line, before) < 0) lines.set(formatVersion(line), line);
  }
  const between = [...lines.values()].map((line) => {
    const newest = newestTemporalRelease(line);
    if (!newest) {
      refuse(
        "conflict:upgrade_gap",
        `Temporal ${line.major}.${line.minor} has no release that is not retracted, and no minor may be skipped.`,
        "Mycelium's release table may be out of date: regenerate it with `node scripts/temporal-releases.mjs`.",
      );
    }
    return newest;
  });
  return [...between, to];
}

/** The config fields an upgrade step changes: the server version, and the UI version if the config pins one. */
function versionEdits(config: MyceliumConfig, version: string, uiVersion: string | undefined): ConfigEdits {
  return {
    "services.temporal.version": version,
    ...(config.services.temporal.ui_version ? { "services.temporal.ui_version": uiVersion ?? null } : {}),
  };
}

/** An override the upgrade cannot move from version to version: every step would run the same image. */
function refusePinnedImages(config: MyceliumConfig): void {
  const { temporal } = config.services;
  const pinned = [
    ["services.temporal.image", temporal.image],
    ["services.temporal.admin_tools_image", temporal.admin_tools_image],
  ].filter(([, image]) => image);
  if (pinned.length === 0) return;
  const [field, image] = pinned[0] as [string, string];
  refuse(
    "conflict:image_pinned",
    `The config pins ${field} to ${image}: an upgrade changes the version, and every step would still run that image.`,
    `Remove ${field} to upgrade with the official images, or change the image and the version by hand, ` +
      "one minor at a time.",
  );
}

function schemaOf(config: MyceliumConfig, version: string): SchemaChange[] {
  const decisions = resolveStackDecisions(config);
  const expected = expectedSchemaVersions(decisions.temporalVersion, decisions.dbPlugin);
  if (!expected) {
    refuse(
      "conflict:upgrade_step_invalid",
      `Temporal ${version} has no schema for the ${decisions.dbPlugin} plugin.`,
      "Set services.temporal.db_plugin to postgres12 (PostgreSQL 12 or later) before upgrading.",
    );
  }
  const main = config.services.postgres.database;
  return [
    { database: main, from: expected.main, to: expected.main },
    { database: visibilityDatabase(config), from: expected.visibility, to: expected.visibility },
  ];
}

/** Images a config's stack runs, from the service registry (the one place image names are decided). */
function stackImages(config: MyceliumConfig): { all: string[]; ui: string | null } {
  const project = buildComposeProject(config, resolveStackDecisions(config));
  return {
    all: [...new Set(project.services.map((service) => service.image))],
    ui: project.services.find((service) => service.name === "temporal-ui")?.image ?? null,
  };
}

/** A step's config must be valid as it stands, or its deploy would be refused halfway through the upgrade. */
function refuseInvalidStep(config: MyceliumConfig, version: string): void {
  const error = checkConfigSemantics(config).find((finding) => finding.severity === "error");
  if (!error) return;
  refuse(
    "conflict:upgrade_step_invalid",
    `At Temporal ${version} the config would be invalid: ${error.message}.`,
    `${error.fix.charAt(0).toUpperCase()}${error.fix.slice(1)}, then plan the upgrade again.`,
  );
}

/** The releases a stack on `from` can be upgraded to, newest first: every deployable release after it. */
export function upgradeTargets(from: string): string[] {
  const running = parseVersion(from);
  if (!running) return [];
  const newer = (version: string) => compareVersions(parseVersion(version) as Version, running) > 0;
  return deployableTemporalVersions().filter(newer);
}

/**
 * Plan the upgrade of a stack running `config` (its Temporal version is the one deployed: see
 * deployedTemporalVersion) to the release `to`. Refused with a typed error, before anything
 * changes, for a target that is older, the same, unknown, retracted or beyond what Mycelium deploys.
 */
export function planUpgrade(config: MyceliumConfig, to: string): UpgradePlan {
  const fromText = config.services.temporal.version;
  const from = parseVersion(fromText);
  const fromShape = from && deploymentShape(from);
  if (!from || !fromShape) {
    refuse(
      "conflict:upgrade_from_unknown",
      `The stack runs Temporal ${fromText}, a version Mycelium cannot deploy, so it cannot plan from it.`,
      "Run `mycelium config validate`: it names the release to deploy first.",
    );
  }
  const target = targetRelease(to);
  const order = compareVersions(parseVersion(target.version) as Version, from);
  if (order === 0) {
    refuse("bad_request:target_current", `The stack already runs Temporal ${target.version}.`, "Nothing to upgrade.");
  }
  if (order < 0) {
    refuse(
      "bad_request:target_older",
      `Cannot upgrade to ${target.version}: it is older than ${formatVersion(from)}, the version running. ` +
        NO_DOWNGRADE_WARNING,
      "To go back, restore a backup taken on that version (`mycelium backup list`, `mycelium backup restore`).",
    );
  }
  refusePinnedImages(config);
  if (!config.deployment.auto_start) {
    refuse(
      "conflict:auto_start_off",
      "deployment.auto_start is off: a step's deploy would create its containers without starting them, " +
        "so no step could be validated.",
      "Set deployment.auto_start: true, then plan the upgrade again.",
    );
  }

  let previous = { shape: fromShape, images: new Set(stackImages(config).all), schema: schemaOf(config, fromText) };
  const steps = stepReleases(from, target).map((release, index): UpgradeStep => {
    const configEdits = versionEdits(config, release.version, release.uiVersion);
    const stepConfig = withConfigEdits(config, configEdits);
    refuseInvalidStep(stepConfig, release.version);
    const shape = resolveStackDecisions(stepConfig).shape;
    const images = stackImages(stepConfig);
    const schema = schemaOf(stepConfig, release.version).map((change, i) => ({
      ...change,
      from: previous.schema[i]!.to,
    }));
    const newImages = images.all.filter((image) => !previous.images.has(image));
    const step = {
      number: index + 1,
      version: release.version,
      shape,
      shapeChange: shape !== previous.shape,
      schema,
      images: newImages,
      uiImage: images.ui,
      configEdits,
      estimateSeconds: newImages.length * PULL_SECONDS_PER_IMAGE + STEP_SECONDS + VALIDATION_SECONDS,
    };
    previous = { shape, images: new Set(images.all), schema };
    return step;
  });

  const reused = reusesExistingPostgres(config);
  const warnings = [NO_DOWNGRADE_WARNING];
  if (config.services.temporal.ui_image) {
    warnings.push(`The UI stays on ${config.services.temporal.ui_image} (services.temporal.ui_image) at every step.`);
  }
  const stepsSeconds = steps.reduce((sum, step) => sum + step.estimateSeconds, 0);
  return {
    project: config.project_name,
    from: fromText,
    to: target.version,
    steps,
    startEdits: versionEdits(config, fromText, config.services.temporal.ui_version),
    backup: reused
      ? {
          taken: false,
          note:
            "Mycelium cannot back up a PostgreSQL it does not run: back up both databases yourself, " +
            "and confirm that the upgrade may change their schema.",
        }
      : { taken: true, note: "A backup of both databases is taken first (`mycelium backup create`)." },
    estimate: { seconds: stepsSeconds + (reused ? 0 : BACKUP_SECONDS) + VALIDATION_SECONDS, basis: ESTIMATE_BASIS },
    warnings,
  };
}

/**
 * The Temporal version the stack runs, from the engine: the `temporal` container must run the
 * image the config names, so that the config's version is what runs. Refused when the stack is
 * not deployed or runs something else (a config changed since the last deploy).
 */
export function deployedTemporalVersion(config: MyceliumConfig, services: readonly ServiceStatus[]): string {
  const server = services.find((service) => service.service === "temporal");
  if (!server) {
    refuse(
      "conflict:not_deployed",
      `Project ${config.project_name} runs no Temporal server: there is nothing to upgrade.`,
      "Deploy it first (`mycelium deploy start`).",
    );
  }
  const { version } = config.services.temporal;
  const expected = resolveStackDecisions(config).images.temporal;
  if (server.image !== expected) {
    refuse(
      "conflict:config_not_deployed",
      `Temporal runs ${server.image}, but the config names Temporal ${version} (${expected}): ` +
        "an upgrade starts from what runs, and the two must agree.",
      "Set services.temporal.version back to the version that runs, or deploy the config first, then upgrade.",
    );
  }
  return version;
}
