import type { Diagnosis } from "./diagnosis-types";

/** The root cause: the first diagnosis that is not a harmless note (diagnoses come root cause first). */
export function rootDiagnosis(diagnoses: readonly Diagnosis[]): Diagnosis | null {
  return diagnoses.find((d) => !d.harmless) ?? null;
}
