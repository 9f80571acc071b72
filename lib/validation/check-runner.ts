import { fail, type CheckDefinition, type CheckOutcome, type CheckResult } from "./validation-check";

export type RunMode = "concurrent" | "sequential";

export interface RunOptions {
  /**
   * `concurrent` starts each check as soon as its dependencies passed; `sequential` runs one at a time (the baseline).
   */
  mode?: RunMode;
  /** Deadline of a check that sets none. */
  defaultTimeoutMs?: number;
  /** Applied to every message, detail and hint: no secret leaves the runner. */
  redact?: (text: string) => string;
  /** Clock in milliseconds; performance.now by default. */
  now?: () => number;
}

export interface RunOutcome {
  /** In the order the definitions were given. */
  results: CheckResult[];
  durationMs: number;
  /**
   * Resolves when every check's own work has ended, including checks that lost their
   * deadline: callers close shared connections only after it, so a late cleanup (a probe
   * workflow being terminated) is not cut off.
   */
  settled: Promise<void>;
}

const round = (ms: number) => Math.round(ms * 10) / 10;

/** Definitions ordered so that each comes after its dependencies; throws on unknown ids or cycles. */
export function dependencyOrder<C>(definitions: readonly CheckDefinition<C>[]): CheckDefinition<C>[] {
  const byId = new Map<string, CheckDefinition<C>>();
  for (const definition of definitions) {
    if (byId.has(definition.id)) throw new Error(`Duplicate check id "${definition.id}"`);
    byId.set(definition.id, definition);
  }
  const ordered: CheckDefinition<C>[] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (definition: CheckDefinition<C>, path: string[]) => {
    const seen = state.get(definition.id);
    if (seen === "done") return;
    if (seen === "visiting") throw new Error(`Check dependency cycle: ${[...path, definition.id].join(" → ")}`);
    state.set(definition.id, "visiting");
    for (const id of definition.dependsOn) {
      const dependency = byId.get(id);
      if (!dependency) throw new Error(`Check "${definition.id}" depends on unknown check "${id}"`);
      visit(dependency, [...path, definition.id]);
    }
    state.set(definition.id, "done");
    ordered.push(definition);
  };
  for (const definition of definitions) visit(definition, []);
  return ordered;
}

function errorText(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

/**
 * Run checks under their dependencies. A check whose dependency failed (or was skipped) is
 * not run: it is `skip` with the root cause's own message, so one broken thing shows as one
 * red line and everything downstream says why it did not run.
 */
export async function runChecks<C>(
  definitions: readonly CheckDefinition<C>[],
  context: C,
  options: RunOptions = {},
): Promise<RunOutcome> {
  const mode = options.mode ?? "concurrent";
  const defaultTimeoutMs = options.defaultTimeoutMs ?? 2000;
  const redact = options.redact ?? ((text: string) => text);
  const now = options.now ?? (() => performance.now());
  const ordered = dependencyOrder(definitions);
  const started = now();
  const work: Promise<unknown>[] = [];
  /** For a failed check, its own message; for a skipped one, the message of the failure behind it. */
  const rootMessage = new Map<string, string>();

  const evaluate = async (definition: CheckDefinition<C>, dependencies: CheckResult[]): Promise<CheckResult> => {
    const startedAtMs = round(now() - started);
    const base = {
      id: definition.id,
      title: definition.title,
      category: definition.category,
      component: definition.component,
      dependsOn: [...definition.dependsOn],
      startedAtMs,
    };
    const blocker = dependencies.find((d) => d.status === "fail" || d.status === "skip");
    if (blocker) {
      const root = blocker.status === "fail" ? blocker.id : (blocker.skippedBecauseOf ?? blocker.id);
      const reason = rootMessage.get(blocker.id) ?? blocker.message;
      rootMessage.set(definition.id, reason);
      return {
        ...base,
        status: "skip",
        message: `skipped: ${reason}`,
        detail: null,
        hint: null,
        remedy: null,
        skippedBecauseOf: root,
        durationMs: 0,
      };
    }

    const timeoutMs = definition.timeoutMs ?? defaultTimeoutMs;
    const controller = new AbortController();
    const running = Promise.resolve().then(() => definition.run(context, controller.signal));
    work.push(running.catch(() => undefined));
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<CheckOutcome>((resolve) => {
      timer = setTimeout(() => {
        controller.abort();
        resolve(
          fail(`${definition.title}: no answer within ${timeoutMs} ms`, {
            detail: `The check was given ${timeoutMs} ms and did not finish.`,
          }),
        );
      }, timeoutMs);
    });
    const outcome = await Promise.race([
      running.catch((error: unknown) => fail(`${definition.title}: ${errorText(error)}`)),
      deadline,
    ]);
    clearTimeout(timer);
    const message = redact(outcome.message);
    if (outcome.status === "fail") rootMessage.set(definition.id, message);
    // A check that skips itself ("skipped: turned off") passes its reason on without the prefix.
    if (outcome.status === "skip") rootMessage.set(definition.id, message.replace(/^skipped: /, ""));
    return {
      ...base,
      status: outcome.status,
      message,
      detail: outcome.detail ? redact(outcome.detail) : null,
      hint: outcome.hint ? redact(outcome.hint) : null,
      remedy:
        outcome.status === "pass"
          ? null
          : (outcome.remedy ?? (outcome.status === "fail" ? (definition.remedy ?? null) : null)),
      skippedBecauseOf: null,
      durationMs: round(now() - started - startedAtMs),
    };
  };

  const results = new Map<string, CheckResult>();
  if (mode === "sequential") {
    for (const definition of ordered) {
      const dependencies = definition.dependsOn.map((id) => results.get(id)!);
      results.set(definition.id, await evaluate(definition, dependencies));
    }
  } else {
    const pending = new Map<string, Promise<CheckResult>>();
    for (const definition of ordered) {
      const dependencies = Promise.all(definition.dependsOn.map((id) => pending.get(id)!));
      pending.set(
        definition.id,
        dependencies.then((resolved) => evaluate(definition, resolved)),
      );
    }
    for (const [id, promise] of pending) results.set(id, await promise);
  }

  return {
    results: definitions.map((definition) => results.get(definition.id)!),
    durationMs: round(now() - started),
    settled: Promise.all(work).then(() => undefined),
  };
}
