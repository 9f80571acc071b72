import { didYouMean } from "./did-you-mean";
import type { MemoryBaseUnit, PostgresSettingSpec, TimeBaseUnit } from "./postgres-settings";
import { quoteValue as describe } from "./quote-value";

/**
 * Checks one custom_config value against the syntax PostgreSQL's GUC parser accepts
 * (`parse_int` / `parse_real` / `parse_bool` / enum lookup), so a value that would stop the
 * server from starting is reported before the container is created.
 */

export interface SettingValueProblem {
  severity: "error" | "warning";
  code: "postgres-setting-invalid" | "postgres-setting-bare-number";
  /** Follows the setting's path in a sentence: `must be a size such as 256MB, not "lots"`, `is "256mb", but …`. */
  problem: string;
  fix: string;
}

type SettingValue = string | number | boolean;

/** Bytes per memory unit; PostgreSQL spells them exactly like this and nothing else. */
const MEMORY_UNITS: Readonly<Record<string, number>> = {
  B: 1,
  kB: 1024,
  MB: 1024 ** 2,
  GB: 1024 ** 3,
  TB: 1024 ** 4,
};
const MEMORY_BASE_BYTES: Readonly<Record<MemoryBaseUnit, number>> = { B: 1, kB: 1024, "8kB": 8192, MB: 1024 ** 2 };

/** Microseconds per time unit. */
const TIME_UNITS: Readonly<Record<string, number>> = {
  us: 1,
  ms: 1000,
  s: 1e6,
  min: 6e7,
  h: 3.6e9,
  d: 8.64e10,
};

/** What people write instead of PostgreSQL's unit names (lower-cased) → the name PostgreSQL wants. */
const MEMORY_UNIT_SPELLINGS: Readonly<Record<string, string>> = {
  b: "B",
  k: "kB",
  kb: "kB",
  kib: "kB",
  m: "MB",
  mb: "MB",
  mib: "MB",
  g: "GB",
  gb: "GB",
  gib: "GB",
  t: "TB",
  tb: "TB",
  tib: "TB",
};
const TIME_UNIT_SPELLINGS: Readonly<Record<string, string>> = {
  us: "us",
  usec: "us",
  ms: "ms",
  msec: "ms",
  s: "s",
  sec: "s",
  secs: "s",
  second: "s",
  seconds: "s",
  m: "min",
  min: "min",
  mins: "min",
  minute: "min",
  minutes: "min",
  h: "h",
  hr: "h",
  hour: "h",
  hours: "h",
  d: "d",
  day: "d",
  days: "d",
};

const BOOLEAN_WORDS = ["on", "off", "true", "false", "yes", "no", "1", "0"];

const NUMBER_WITH_UNIT = /^\s*([-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?)\s*([A-Za-zµ]*)\s*$/;

export function checkPostgresSettingValue(spec: PostgresSettingSpec, value: SettingValue): SettingValueProblem | null {
  switch (spec.kind) {
    case "memory":
      return checkQuantity(value, spec.baseUnit, spec.min, spec.max, MEMORY_QUANTITY);
    case "time":
      return checkQuantity(value, spec.baseUnit, spec.min, spec.max, TIME_QUANTITY);
    case "integer":
    case "real":
      return checkPlainNumber(value, spec.kind, spec.min, spec.max);
    case "bool":
      return isBooleanValue(value)
        ? null
        : invalid(
            `must be on or off, not ${describe(value)}`,
            `write on or off (PostgreSQL also takes ${BOOLEAN_WORDS.join(", ")})`,
          );
    case "enum":
      return checkEnum(value, spec.values, spec.booleanAliases ?? false);
    case "string":
      return null;
  }
}

interface QuantityKind {
  noun: string;
  example: string;
  units: Readonly<Record<string, number>>;
  spellings: Readonly<Record<string, string>>;
  baseFactor(baseUnit: string): number;
  format(amountInSmallestUnit: number): string;
  /** Bare numbers of this kind are easy to misread (pages, kB), so they earn a warning. */
  warnOnBareNumber: boolean;
}

const MEMORY_QUANTITY: QuantityKind = {
  noun: "size",
  example: "256MB",
  units: MEMORY_UNITS,
  spellings: MEMORY_UNIT_SPELLINGS,
  baseFactor: (baseUnit) => MEMORY_BASE_BYTES[baseUnit as MemoryBaseUnit],
  format: (bytes) => formatInLargestUnit(bytes, MEMORY_UNITS),
  warnOnBareNumber: true,
};

const TIME_QUANTITY: QuantityKind = {
  noun: "duration",
  example: "30s",
  units: TIME_UNITS,
  spellings: TIME_UNIT_SPELLINGS,
  baseFactor: (baseUnit) => TIME_UNITS[baseUnit as TimeBaseUnit] ?? 1,
  format: (microseconds) => formatInLargestUnit(microseconds, TIME_UNITS),
  warnOnBareNumber: false,
};

function checkQuantity(
  value: SettingValue,
  baseUnit: string,
  min: number | undefined,
  max: number | undefined,
  kind: QuantityKind,
): SettingValueProblem | null {
  const unitList = Object.keys(kind.units).join(", ");
  const bareMeaning = `a bare number counts ${baseUnit === "8kB" ? "8kB pages" : baseUnit}`;
  const match = typeof value === "boolean" ? null : NUMBER_WITH_UNIT.exec(String(value));
  if (!match) {
    return invalid(
      `must be a ${kind.noun} such as ${kind.example} (units ${unitList}; ${bareMeaning}), not ${describe(value)}`,
      `write a number followed by a unit, e.g. ${kind.example}`,
    );
  }
  const amount = Number(match[1]);
  const unit = match[2] ?? "";
  const baseFactor = kind.baseFactor(baseUnit);
  let unitFactor = baseFactor;
  if (unit !== "") {
    const knownFactor = kind.units[unit];
    if (knownFactor === undefined) {
      const intended = kind.spellings[unit.toLowerCase()];
      const corrected = intended ? `${match[1]}${intended}` : null;
      if (corrected && intended?.toLowerCase() === unit.toLowerCase()) {
        return invalid(
          `is ${describe(value)}, but PostgreSQL units are case-sensitive: write ${corrected}`,
          `write ${corrected}`,
        );
      }
      return invalid(
        `is ${describe(value)}, but "${unit}" is not a PostgreSQL ${kind.noun} unit (it accepts ${unitList})` +
          (corrected ? `: write ${corrected}` : ""),
        corrected ? `write ${corrected}` : `use one of ${unitList}, e.g. ${kind.example}`,
      );
    }
    unitFactor = knownFactor;
  }
  const inBaseUnits = (amount * unitFactor) / baseFactor;
  if (min !== undefined && inBaseUnits < min) {
    return invalid(
      `is ${describe(value)}, below PostgreSQL's minimum of ${describeBound(min, baseFactor, kind)}`,
      `use at least ${describeBound(min, baseFactor, kind)}`,
    );
  }
  if (max !== undefined && inBaseUnits > max) {
    return invalid(
      `is ${describe(value)}, above PostgreSQL's maximum of ${describeBound(max, baseFactor, kind)}`,
      `use at most ${describeBound(max, baseFactor, kind)}`,
    );
  }
  if (unit === "" && kind.warnOnBareNumber && baseUnit !== "B" && amount > 0) {
    const meaning = kind.format(amount * baseFactor);
    return {
      severity: "warning",
      code: "postgres-setting-bare-number",
      problem:
        `is the bare number ${match[1]}, which PostgreSQL counts in ` +
        `${baseUnit === "8kB" ? "8kB pages" : baseUnit}: ${meaning}`,
      fix: `write the unit so the size is unambiguous, e.g. "${meaning}"`,
    };
  }
  return null;
}

function describeBound(bound: number, baseFactor: number, kind: QuantityKind): string {
  // -1 and 0 are sentinels ("use the default", "off"), clearer as plain numbers.
  return bound <= 0 ? String(bound) : kind.format(bound * baseFactor);
}

function checkPlainNumber(
  value: SettingValue,
  kind: "integer" | "real",
  min: number | undefined,
  max: number | undefined,
): SettingValueProblem | null {
  const match = typeof value === "boolean" ? null : NUMBER_WITH_UNIT.exec(String(value));
  const noun = kind === "integer" ? "a whole number" : "a number";
  if (!match || (match[2] ?? "") !== "") {
    return invalid(
      `must be ${noun} without a unit, not ${describe(value)}`,
      `write ${noun}, e.g. ${min !== undefined && min > 0 ? min : 1}`,
    );
  }
  const amount = Number(match[1]);
  if (min !== undefined && amount < min) {
    return invalid(`is ${amount}, below PostgreSQL's minimum of ${min}`, `use a value from ${min} to ${max ?? "∞"}`);
  }
  if (max !== undefined && amount > max) {
    return invalid(`is ${amount}, above PostgreSQL's maximum of ${max}`, `use a value from ${min ?? "-∞"} to ${max}`);
  }
  return null;
}

function checkEnum(
  value: SettingValue,
  allowed: readonly string[],
  booleanAliases: boolean,
): SettingValueProblem | null {
  // PostgreSQL compares enum values case-insensitively.
  const written = formatWritten(value).toLowerCase();
  if (allowed.some((option) => option.toLowerCase() === written)) return null;
  if (booleanAliases && isBooleanValue(value)) return null;
  const suggestion = typeof value === "string" ? didYouMean(value, allowed) : null;
  return invalid(
    `must be one of ${allowed.join(", ")}, not ${describe(value)}` +
      (suggestion ? `; did you mean ${suggestion}?` : ""),
    suggestion ? `write ${suggestion}` : `write one of ${allowed.join(", ")}`,
  );
}

function isBooleanValue(value: SettingValue): boolean {
  if (typeof value === "boolean") return true;
  return BOOLEAN_WORDS.includes(String(value).trim().toLowerCase());
}

function invalid(problem: string, fix: string): SettingValueProblem {
  return { severity: "error", code: "postgres-setting-invalid", problem, fix };
}

function formatWritten(value: SettingValue): string {
  return typeof value === "boolean" ? (value ? "on" : "off") : String(value).trim();
}

/** 262144 kB → "256MB": the largest unit that divides the amount exactly. */
function formatInLargestUnit(amount: number, units: Readonly<Record<string, number>>): string {
  const byDescendingSize = Object.entries(units).sort((a, b) => b[1] - a[1]);
  for (const [unit, factor] of byDescendingSize) {
    if (amount >= factor && Number.isInteger(amount / factor)) return `${amount / factor}${unit}`;
  }
  const [smallestUnit, smallestFactor] = byDescendingSize[byDescendingSize.length - 1] ?? ["", 1];
  return `${amount / smallestFactor}${smallestUnit}`;
}
