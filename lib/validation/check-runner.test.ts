import { describe, expect, it } from "vitest";
import { dependencyOrder, runChecks } from "./check-runner";
import { fail, pass, warn, type CheckDefinition } from "./validation-check";

type Def = CheckDefinition<null>;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function check(id: string, dependsOn: string[], run: Def["run"], extra: Partial<Def> = {}): Def {
  return { id, title: `Check ${id}`, category: "connectivity", component: "postgres", dependsOn, run, ...extra };
}

describe("runChecks", () => {
  it("runs independent checks at the same time and each dependant as soon as its dependency passed", async () => {
    const defs = [
      check("a", [], async () => (await sleep(40), pass("a ok"))),
      check("b", [], async () => (await sleep(40), pass("b ok"))),
      check("c", ["a"], async () => (await sleep(10), pass("c ok"))),
    ];
    const { results, durationMs } = await runChecks(defs, null);
    expect(results.map((r) => r.status)).toEqual(["pass", "pass", "pass"]);
    expect(durationMs).toBeLessThan(85); // 40 + 10, not 40 + 40 + 10
    const [a, b, c] = results;
    expect(Math.abs(a!.startedAtMs - b!.startedAtMs)).toBeLessThan(10);
    expect(c!.startedAtMs).toBeGreaterThanOrEqual(a!.startedAtMs + a!.durationMs - 1);
  });

  it("skips the dependants of a failure with the root cause's own message, transitively", async () => {
    let ran = false;
    const defs = [
      check("port", [], async () => fail("PostgreSQL port 5432 is not reachable on 127.0.0.1 (connection refused)")),
      check("login", ["port"], async () => ((ran = true), pass("ok"))),
      check("schema", ["login"], async () => ((ran = true), pass("ok"))),
    ];
    const { results } = await runChecks(defs, null);
    expect(ran).toBe(false);
    expect(results[1]).toMatchObject({
      status: "skip",
      message: "skipped: PostgreSQL port 5432 is not reachable on 127.0.0.1 (connection refused)",
      skippedBecauseOf: "port",
    });
    expect(results[2]).toMatchObject({ status: "skip", skippedBecauseOf: "port", message: results[1]!.message });
  });

  it("lets a warning through to the dependants", async () => {
    const { results } = await runChecks(
      [check("v", [], async () => warn("untested")), check("d", ["v"], async () => pass("ran"))],
      null,
    );
    expect(results[1]?.status).toBe("pass");
  });

  it("fails a check that misses its deadline, aborts it, and reports its late end through `settled`", async () => {
    let aborted = false;
    let finished = false;
    const defs = [
      check(
        "slow",
        [],
        async (_c, signal) => {
          signal.addEventListener("abort", () => (aborted = true));
          await sleep(80);
          finished = true;
          return pass("late");
        },
        { timeoutMs: 20 },
      ),
    ];
    const outcome = await runChecks(defs, null);
    expect(outcome.results[0]).toMatchObject({ status: "fail", message: "Check slow: no answer within 20 ms" });
    expect(aborted).toBe(true);
    expect(finished).toBe(false);
    await outcome.settled;
    expect(finished).toBe(true);
  });

  it("turns a thrown error into a failure and redacts every text", async () => {
    const { results } = await runChecks(
      [check("x", [], async () => Promise.reject(new Error("connect to postgres://u:hunter2secret@h/db failed")))],
      null,
      {
        redact: (text) => text.replaceAll("hunter2secret", "••••••"),
      },
    );
    expect(results[0]?.status).toBe("fail");
    expect(results[0]?.message).toBe("Check x: connect to postgres://u:••••••@h/db failed");
  });

  it("runs one check at a time in sequential mode, in dependency order", async () => {
    const order: string[] = [];
    const step = (id: string) => async () => (
      order.push(`start ${id}`),
      await sleep(5),
      order.push(`end ${id}`),
      pass(id)
    );
    const defs = [check("c", ["a"], step("c")), check("a", [], step("a")), check("b", [], step("b"))];
    const { results } = await runChecks(defs, null, { mode: "sequential" });
    expect(order).toEqual(["start a", "end a", "start c", "end c", "start b", "end b"]);
    expect(results.map((r) => r.id)).toEqual(["c", "a", "b"]);
  });

  it("uses the definition's remedy for a failure that names none, and none for a pass", async () => {
    const { results } = await runChecks(
      [
        check("f", [], async () => fail("down"), { remedy: "#postgres-connection-refused" }),
        check("p", [], async () => pass("ok"), { remedy: "#x" }),
      ],
      null,
    );
    expect(results[0]?.remedy).toBe("#postgres-connection-refused");
    expect(results[1]?.remedy).toBeNull();
  });
});

describe("dependencyOrder", () => {
  it("rejects unknown dependencies and cycles", () => {
    const noop = async () => pass("");
    expect(() => dependencyOrder([check("a", ["missing"], noop)])).toThrow(/unknown check "missing"/);
    expect(() => dependencyOrder([check("a", ["b"], noop), check("b", ["a"], noop)])).toThrow(/cycle/);
    expect(() => dependencyOrder([check("a", [], noop), check("a", [], noop)])).toThrow(/Duplicate/);
  });
});
