/**
 * Config validation speed: `npx tsx bench/config.bench.ts` (npm run bench:config).
 * Measures the full pipeline the editor runs on every keystroke (parse, schema, semantic
 * checks) on the guide's Step 1 config against the baseline of the yaml library's parse of the
 * same text, alternated in the same run, and how fast an alias bomb is refused.
 * Exits 1 when a goal is missed.
 */
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { LineCounter, parseDocument } from "yaml";
import { parseConfigText } from "../lib/config/parse-config";
import { alternate, median } from "./measure";

const VALIDATIONS_PER_SECOND_GOAL = 5000;
const ALIAS_BOMB_MS_GOAL = 50;
const WARM_UP_MS = 500;
const WINDOW_MS = 400;
const WINDOWS = 7;
const ALIAS_BOMB_RUNS = 15;

const guideConfig = readFileSync(
  fileURLToPath(new URL("../lib/config/fixtures/guide-step1-config.yaml", import.meta.url)),
  "utf8",
);

/** Nine levels of nine aliases each: 9^9 (387 million) strings if it were ever expanded. */
function billionLaughs(): string {
  const lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'];
  for (let level = 1; level <= 9; level++) {
    lines.push(`a${level}: &a${level} [${Array.from({ length: 9 }, () => `*a${level - 1}`).join(", ")}]`);
  }
  return lines.join("\n") + "\n";
}

/** Calls per second of `operation` over one WINDOW_MS window. */
function callsPerSecond(operation: () => unknown): number {
  let calls = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < WINDOW_MS) {
    for (let index = 0; index < 50; index++) operation();
    calls += 50;
    elapsed = performance.now() - start;
  }
  return (calls * 1000) / elapsed;
}

const validate = () => parseConfigText(guideConfig);
// The parse the pipeline starts with (same options, same text): the ceiling for the pipeline.
const parseYaml = () =>
  parseDocument(guideConfig, { lineCounter: new LineCounter(), prettyErrors: false, merge: true, uniqueKeys: true });

/**
 * Validations and yaml parses per second: after WARM_UP_MS each (so the JIT reaches steady
 * state), WINDOWS windows of each, alternated.
 */
async function measureValidationsAndParses(): Promise<{ ours: number[]; baseline: number[] }> {
  const first = validate();
  if (!first.config || first.findings.length > 0) {
    throw new Error(`the guide's config did not validate cleanly: ${JSON.stringify(first.findings)}`);
  }
  for (const operation of [validate, parseYaml]) {
    for (const start = performance.now(); performance.now() - start < WARM_UP_MS;) operation();
  }
  return alternate(
    WINDOWS,
    () => callsPerSecond(validate),
    () => callsPerSecond(parseYaml),
  );
}

function measureAliasBombMs(): number {
  const bomb = billionLaughs();
  const durations: number[] = [];
  for (let run = 0; run < ALIAS_BOMB_RUNS; run++) {
    const start = performance.now();
    const result = parseConfigText(bomb);
    durations.push(performance.now() - start);
    if (result.config !== null || !result.findings.some((finding) => finding.code === "yaml-alias-bomb")) {
      throw new Error("the alias bomb was not refused");
    }
  }
  return median(durations);
}

const aliasBombMs = measureAliasBombMs();
const rates = await measureValidationsAndParses();
const validationsPerSecond = median(rates.ours);
const yamlParsesPerSecond = median(rates.baseline);
const validationsPass = validationsPerSecond >= VALIDATIONS_PER_SECOND_GOAL;
const aliasBombPass = aliasBombMs < ALIAS_BOMB_MS_GOAL;
const spread = (samples: number[]) => `${Math.round(Math.min(...samples))}–${Math.round(Math.max(...samples))}`;

console.log(
  `config validations/s: ${Math.round(validationsPerSecond)} (goal ≥ ` +
    `${VALIDATIONS_PER_SECOND_GOAL}) ${validationsPass ? "PASS" : "FAIL"}` +
    ` — median of ${WINDOWS} windows of ${WINDOW_MS} ms (${spread(rates.ours)})`,
);
console.log(
  `  baseline, yaml parseDocument of the same text: ${Math.round(yamlParsesPerSecond)}/s ` +
    `— median of ${WINDOWS} windows (${spread(rates.baseline)}), alternated with the above`,
);
console.log(
  `  ratio validations / parseDocument: ${(validationsPerSecond / yamlParsesPerSecond).toFixed(2)} ` +
    `(of the medians; the pipeline includes that parse, so on a quiet machine it stays below 1)`,
);
console.log(
  `alias bomb refused in: ${aliasBombMs.toFixed(2)} ms median of ${ALIAS_BOMB_RUNS} ` +
    `(goal < ${ALIAS_BOMB_MS_GOAL} ms) ${aliasBombPass ? "PASS" : "FAIL"}`,
);
process.exitCode = validationsPass && aliasBombPass ? 0 : 1;
