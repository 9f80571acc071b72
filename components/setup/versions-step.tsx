"use client";

import { useMemo } from "react";
import { deployableTemporalVersions } from "@/lib/config/compat";
import { buttonPrimary, buttonSecondary } from "@/components/ui";
import { setupInputClass, type SetupStepProps } from "./setup-step-props";
import { verdictSentence, versionVerdict, type VersionVerdict } from "./version-verdict";

const TEMPORAL_VERSIONS = deployableTemporalVersions();
const POSTGRES_VERSIONS = ["12", "13", "14", "15.3", "15", "16", "17", "18"];

const VERDICT_TONE: Record<VersionVerdict["level"], string> = {
  supported: "text-emerald-800 dark:text-emerald-200",
  untested: "text-amber-800 dark:text-amber-200",
  incompatible: "text-red-800 dark:text-red-200",
};

/** Temporal and PostgreSQL versions, with the compatibility verdict of the pair. */
export function VersionsStep({ values, update, onBack, onNext }: SetupStepProps) {
  const verdict = useMemo(
    () => versionVerdict(values.temporalVersion, values.postgresVersion),
    [values.temporalVersion, values.postgresVersion],
  );
  return (
    <div className="mt-3 space-y-4 text-sm">
      <div className="grid gap-3 sm:grid-cols-2">
        <label className="block">
          <span className="font-medium">Temporal server</span>
          <select
            className={setupInputClass}
            value={values.temporalVersion}
            onChange={(e) => update({ temporalVersion: e.target.value })}
          >
            {TEMPORAL_VERSIONS.map((v) => (
              <option key={v}>{v}</option>
            ))}
          </select>
        </label>
        <label className="block">
          <span className="font-medium">PostgreSQL</span>
          <select
            className={setupInputClass}
            value={values.postgresVersion}
            onChange={(e) => update({ postgresVersion: e.target.value })}
          >
            {POSTGRES_VERSIONS.map((v) => (
              <option key={v}>{v}</option>
            ))}
          </select>
        </label>
      </div>
      {verdict ? (
        <p role="status" className={VERDICT_TONE[verdict.level]} data-testid="compat-hint">
          {verdictSentence(verdict)}
        </p>
      ) : null}
      <div className="flex gap-2">
        <button type="button" className={buttonSecondary} onClick={onBack}>
          Back
        </button>
        <button type="button" className={buttonPrimary} onClick={onNext} disabled={verdict?.level === "incompatible"}>
          Next
        </button>
      </div>
    </div>
  );
}
