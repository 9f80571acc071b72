import type { MyceliumConfig } from "../config/schema";
import { OutcomeSession } from "../deploy/replayed-events";
import { toMyceliumError } from "../errors";
import { runUpgrade, summarize, type UpgradeEvent } from "./run-upgrade";
import { upgradeDependencies } from "./upgrade-dependencies";
import type { ProjectContext } from "../stack/project-context";

/** One upgrade run by the dashboard, with every event so far (replayed to a page that re-attaches). */
export class UpgradeSession extends OutcomeSession<UpgradeEvent> {
  constructor(
    project: string,
    readonly to: string,
  ) {
    super(project);
  }

  override snapshot() {
    return { ...super.snapshot(), to: this.to };
  }
}

// Route modules can be loaded more than once by the server; the registry must be one.
const shared = globalThis as { __myceliumUpgrades?: Map<string, UpgradeSession> };
const registry: Map<string, UpgradeSession> = (shared.__myceliumUpgrades ??= new Map());

/** The latest upgrade of a project in this process, running or finished. */
export function latestUpgrade(project: string): UpgradeSession | null {
  return registry.get(project) ?? null;
}

export interface StartUpgradeRequest {
  context: ProjectContext;
  config: MyceliumConfig;
  to: string;
  reusedPostgresConfirmed: boolean;
}

/** The runner's checks are over (it emits `checks` first, then backs up or starts a step). */
function pastTheChecks(event: UpgradeEvent): boolean {
  return !(event.type === "upgrade-phase" && event.phase === "checks");
}

/**
 * Start an upgrade in the background and resolve with its session once the runner's checks
 * have passed. A refusal (the lock held, a target refused, a stack not healthy, a reused
 * PostgreSQL not confirmed: nothing changed) rejects with the runner's typed error instead, and
 * the project's previous session stays the latest. A page that attached during the checks
 * sees the refusal as the session's failure.
 */
export function startUpgrade(request: StartUpgradeRequest): Promise<UpgradeSession> {
  const { config } = request;
  const project = config.project_name;
  const previous = registry.get(project);
  const session = new UpgradeSession(project, request.to);
  return new Promise((resolve, reject) => {
    let started = false;
    const emit = (event: UpgradeEvent) => {
      session.emit(event);
      if (!started && pastTheChecks(event)) {
        started = true;
        resolve(session);
      }
    };
    const real = upgradeDependencies(request.context);
    // Pages follow it once it holds the project's lock: one the lock refuses (another upgrade
    // running here included) never replaces the session they follow.
    const deps = {
      ...real,
      acquireLock: async (c: MyceliumConfig) => {
        const release = await real.acquireLock(c);
        registry.set(project, session);
        return release;
      },
    };
    const upgrade = { config, to: request.to, reusedPostgresConfirmed: request.reusedPostgresConfirmed, emit };
    void runUpgrade(upgrade, deps).then(
      (record) => {
        session.finish(record.state === "succeeded" ? "succeeded" : "failed");
        resolve(session);
      },
      (error: unknown) => {
        const failure = toMyceliumError(error);
        if (failure.type === "internal") console.error("[mycelium] upgrade failed unexpectedly:", error);
        session.emit({
          type: "failed",
          error: summarize(failure),
          step: null,
          service: null,
          logTail: [],
          restoreCommand: null,
        });
        session.finish("failed");
        if (started) return;
        if (registry.get(project) !== session) return reject(failure);
        if (previous) registry.set(project, previous);
        else registry.delete(project);
        reject(failure);
      },
    );
  });
}
