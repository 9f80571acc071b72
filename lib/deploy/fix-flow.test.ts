import { describe, expect, it } from "vitest";
import type { Diagnosis, Fix } from "../diagnose/diagnosis-types";
import { MyceliumError } from "../errors";
import type { ValidationRun } from "../validation/run-validation";
import type { DeployEvent, StampedDeployEvent } from "./deploy-events";
import type { FixRequest } from "./fix-actions";
import {
  AFTER_RESTART_MS,
  MAX_CHECKS,
  MAX_WAIT_CHECKS,
  RECHECK_MS,
  runFixFlow,
  WAIT_AND_RECHECK_MS,
  type FixEvent,
  type FixSteps,
  type FollowedDeploy,
} from "./fix-flow";

/** A report as the flow reads it: its status, what still settles, and the diagnoses. */
function result(
  status: "healthy" | "degraded" | "unhealthy",
  { settling = [] as string[], diagnoses = [] as Diagnosis[] } = {},
): ValidationRun {
  const report = { status, healthy: status === "healthy", canProceed: status !== "unhealthy", settling, checks: [] };
  return { report, diagnoses } as unknown as ValidationRun;
}

const waitDiagnosis = (fix: Fix): Diagnosis => ({
  id: "namespace-not-found",
  title: "t",
  whatHappened: "",
  why: "",
  commands: [],
  fix,
  harmless: false,
  score: 90,
  because: [],
  sources: [],
});

/** A deploy whose history is `events` (replayed to whoever subscribes, as a DeploySession does). */
function finishedDeploy(events: DeployEvent[]): FollowedDeploy {
  return {
    subscribe(listener) {
      for (const event of events) listener({ ...event, at: 0 } as StampedDeployEvent);
      return () => undefined;
    },
  };
}

/** Fakes of the fix's I/O: what apply answers, the reports validate returns in turn, and a log of the calls. */
function fakeSteps(applied: Awaited<ReturnType<FixSteps["apply"]>> | Error, reports: (ValidationRun | Error)[]) {
  const calls = { applied: [] as FixRequest[], slept: [] as number[], validations: 0 };
  const steps: FixSteps = {
    apply: async (fix) => {
      calls.applied.push(fix);
      if (applied instanceof Error) throw applied;
      return applied;
    },
    validate: async () => {
      const next = reports[Math.min(calls.validations++, reports.length - 1)]!;
      if (next instanceof Error) throw next;
      return next;
    },
    sleep: async (ms) => void calls.slept.push(ms),
  };
  return { steps, calls };
}

async function run(fix: FixRequest, steps: FixSteps) {
  const events: FixEvent[] = [];
  const outcome = await runFixFlow(fix, steps, (event) => events.push(event));
  return { outcome, events, types: events.map((event) => event.type) };
}

describe("runFixFlow", () => {
  it("follows the deploy a fix starts, re-checks while the stack settles, and reports success", async () => {
    const deploy = finishedDeploy([
      { type: "phase", phase: "files", message: "Writing the files" },
      { type: "succeeded", message: "Every container is running and healthy.", durationMs: 1000 },
    ]);
    const { steps, calls } = fakeSteps({ message: "Redeploying.", deploy }, [
      result("degraded", { settling: ["temporal is starting"] }),
      result("healthy"),
    ]);
    const { outcome, events, types } = await run({ kind: "regenerate-dynamic-config" }, steps);

    expect(calls.applied).toEqual([{ kind: "regenerate-dynamic-config" }]);
    expect(types).toEqual([
      "applying",
      "deploying",
      "deploying",
      "deploying",
      "checking",
      "checked",
      "waiting",
      "checking",
      "checked",
      "done",
    ]);
    expect(events[2]).toEqual({ type: "deploying", message: "Redeploying.", step: "▸ Writing the files" });
    expect(calls.slept).toEqual([RECHECK_MS]);
    expect(outcome).toMatchObject({ tone: "success", message: "Fixed: every check passes again." });
    expect(outcome.result?.report.status).toBe("healthy");
  });

  it("gives a restarted container a moment before checking", async () => {
    const { steps, calls } = fakeSteps({ message: "Restarted temporal-deployment-postgres.", deploy: null }, [
      result("healthy"),
    ]);
    const { outcome, types } = await run({ kind: "restart-container", service: "postgres" }, steps);
    expect(types).toEqual(["applying", "waiting", "checking", "checked", "done"]);
    expect(calls.slept).toEqual([AFTER_RESTART_MS]);
    expect(outcome.tone).toBe("success");
  });

  it("changes nothing for wait-and-recheck, and stops re-checking after a bounded number of checks", async () => {
    const stillWaiting = result("degraded", {
      diagnoses: [waitDiagnosis({ kind: "wait-and-recheck", label: "Wait", safe: true })],
    });
    const { steps, calls } = fakeSteps(new Error("apply must not be called"), [stillWaiting]);
    const { outcome } = await run({ kind: "wait-and-recheck" }, steps);
    expect(calls.applied).toEqual([]);
    expect(calls.validations).toBe(MAX_WAIT_CHECKS);
    expect(calls.slept).toEqual(Array(MAX_WAIT_CHECKS).fill(WAIT_AND_RECHECK_MS));
    expect(outcome).toMatchObject({ tone: "warning", message: "The fix ran, but the report still finds problems." });
  });

  it("re-checks a report that never settles at most MAX_CHECKS times", async () => {
    const { steps, calls } = fakeSteps(
      { message: "Redeploying.", deploy: finishedDeploy([{ type: "succeeded", message: "ok", durationMs: 1 }]) },
      [result("unhealthy", { settling: ["postgres is starting"] })],
    );
    await run({ kind: "redeploy" }, steps);
    expect(calls.validations).toBe(MAX_CHECKS);
  });

  it("does not re-check a report that is unhealthy but settled", async () => {
    const { steps, calls } = fakeSteps({ message: "Redeploying.", deploy: null }, [result("unhealthy")]);
    const { outcome } = await run({ kind: "redeploy" }, steps);
    expect(calls.validations).toBe(1);
    expect(outcome.tone).toBe("warning");
  });

  it("ends with the fix's own error when it cannot be applied, without running the report", async () => {
    const refused = new MyceliumError("not_found:container", "There is no postgres container to restart.", {
      hint: "Deploy the stack first.",
    });
    const { steps, calls } = fakeSteps(refused, [result("healthy")]);
    const { outcome, types } = await run({ kind: "restart-container", service: "postgres" }, steps);
    expect(types).toEqual(["applying", "done"]);
    expect(calls.validations).toBe(0);
    expect(outcome).toEqual({
      tone: "error",
      message: "There is no postgres container to restart.",
      hint: "Deploy the stack first.",
      result: null,
    });
  });

  it("reports a failed redeploy as an error, with the report from after it", async () => {
    const failed = finishedDeploy([
      {
        type: "failed",
        error: { code: "internal:x", message: "temporal did not become healthy", hint: "See its logs." },
        service: "temporal",
        logTail: [],
      },
    ]);
    const { steps } = fakeSteps({ message: "Redeploying.", deploy: failed }, [result("unhealthy")]);
    const { outcome } = await run({ kind: "redeploy" }, steps);
    expect(outcome).toMatchObject({
      tone: "error",
      message: "The redeploy failed: temporal did not become healthy",
      hint: "See its logs.",
    });
    expect(outcome.result?.report.status).toBe("unhealthy");
  });

  it("says so when the report cannot run again", async () => {
    const { steps } = fakeSteps({ message: "Redeploying.", deploy: null }, [
      new MyceliumError("internal:engine", "The Docker engine did not answer."),
    ]);
    const { outcome } = await run({ kind: "redeploy" }, steps);
    expect(outcome).toEqual({
      tone: "error",
      message: "The fix ran, but the report could not run again.",
      hint: "The Docker engine did not answer.",
      result: null,
    });
  });
});
