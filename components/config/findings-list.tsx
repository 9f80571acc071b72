"use client";

import type { Finding } from "@/lib/config/findings";
import { HintText } from "@/components/ui";

interface FindingsListProps {
  findings: readonly Finding[];
  onSelect(finding: Finding): void;
}

const SEVERITY_TONES: Record<Finding["severity"], string> = {
  error: "border-red-200 bg-red-50 text-red-900 dark:border-red-900 dark:bg-red-950 dark:text-red-100",
  warning: "border-amber-200 bg-amber-50 text-amber-900 dark:border-amber-900 dark:bg-amber-950 dark:text-amber-100",
};

/** Errors first, then warnings; each one jumps to its line when clicked, its fix below it. */
export function FindingsList({ findings, onSelect }: FindingsListProps) {
  if (findings.length === 0) {
    return (
      <p
        className={
          "rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm " +
          "text-emerald-800 dark:border-emerald-900 dark:bg-emerald-950 dark:text-emerald-200"
        }
      >
        ✓ No problems found.
      </p>
    );
  }
  const sorted = [...findings].sort((a, b) => Number(a.severity === "warning") - Number(b.severity === "warning"));
  return (
    <ul className="space-y-2" aria-label="Problems">
      {sorted.map((finding, index) => (
        <li
          key={`${finding.code}-${finding.path}-${index}`}
          data-severity={finding.severity}
          className={`rounded-md border px-3 py-2 text-sm ${SEVERITY_TONES[finding.severity]}`}
        >
          <button type="button" onClick={() => onSelect(finding)} className="w-full text-left">
            <span className="font-medium">
              {finding.severity === "error" ? "Error" : "Warning"}
              {finding.line ? ` · line ${finding.line}` : ""}
              {finding.path ? ` · ${finding.path}` : ""}
            </span>
            <HintText text={finding.message} className="block" copyCommands={false} inline />
          </button>
          <HintText text={`Fix: ${finding.fix}`} className="text-xs opacity-80" />
        </li>
      ))}
    </ul>
  );
}
