import { randomUUID } from "node:crypto";
import { MyceliumError, toMyceliumError } from "../errors";
import { openProject, type ProjectContext } from "../stack/project-context";
import { runValidation } from "../validation/run-validation";
import { applyFix, type FixRequest } from "./fix-actions";
import { runFixFlow, type FixEvent, type FixOutcome, type FixSteps } from "./fix-flow";
import { ReplayedEvents } from "./replayed-events";

/**
 * A fix run in the background, for the page (which follows it on /api/fixes/events) and for
 * `mycelium fix` (which follows it in its own process).
 */

/** One fix of a project, with every event so far (replayed to a page that re-attaches). */
export class FixSession extends ReplayedEvents<FixEvent> {
  readonly id = randomUUID();
  outcome: FixOutcome | null = null;

  constructor(readonly project: string) {
    super();
  }

  finish(outcome: FixOutcome): void {
    this.outcome = outcome;
    this.stopFollowing();
  }
}

// Route modules can be loaded more than once by the server; the registry must be one.
const shared = globalThis as { __myceliumFixes?: Map<string, FixSession> };
const registry: Map<string, FixSession> = (shared.__myceliumFixes ??= new Map());

/** The latest fix of a project in this process, running or finished. */
export function latestFix(project: string): FixSession | null {
  return registry.get(project) ?? null;
}

function realSteps(context: ProjectContext): FixSteps {
  return {
    apply: (fix) => applyFix(context, fix),
    // The project is opened again: the fix may have changed its config.
    validate: async () => runValidation(await openProject(context)),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  };
}

/** Start a fix of the configured project in the background; refused (409) while another one runs. */
export async function startFix(context: ProjectContext, fix: FixRequest): Promise<FixSession> {
  const project = (await openProject(context)).config.project_name;
  if (latestFix(project)?.outcome === null) {
    throw new MyceliumError("conflict:fix_running", "Another fix of this stack is running.", {
      hint: "Wait for it to end; its progress shows on the health page.",
    });
  }
  const session = new FixSession(project);
  registry.set(project, session);
  void runFixFlow(fix, realSteps(context), (event) => session.emit(event)).then(
    (outcome) => session.finish(outcome),
    (error: unknown) => {
      const failure = toMyceliumError(error);
      console.error("[mycelium] fix failed unexpectedly:", error);
      const outcome: FixOutcome = { tone: "error", message: failure.message, hint: failure.hint, result: null };
      session.emit({ type: "done", ...outcome });
      session.finish(outcome);
    },
  );
  return session;
}
