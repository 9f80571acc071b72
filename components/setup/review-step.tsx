"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { applyConfigEdits } from "@/components/deploy/apply-config-edits";
import { buttonPrimary, buttonSecondary, errorNotice, NoticeBanner, type Notice } from "@/components/ui";
import { toConfigEdits, type SetupValues } from "./setup-values";
import { forgetSetupValues } from "./use-setup-values";

/** The answers as config fields; saving writes them and opens the deploy plan. */
export function ReviewStep({ values, onBack }: { values: SetupValues; onBack(): void }) {
  const router = useRouter();
  const [notice, setNotice] = useState<Notice | null>(null);
  const [saving, setSaving] = useState(false);

  const createConfig = async () => {
    setSaving(true);
    setNotice(null);
    try {
      await applyConfigEdits(toConfigEdits(values));
      forgetSetupValues();
      router.push("/deploy?step=plan");
    } catch (error) {
      setNotice(errorNotice(error, "Could not save the config."));
      setSaving(false);
    }
  };

  return (
    <div className="mt-3 space-y-3 text-sm">
      <p>
        Mycelium writes these answers into a commented config file you can edit later, then shows you the deploy plan.
      </p>
      <pre
        tabIndex={0}
        aria-label="Your answers"
        className="overflow-x-auto rounded-md bg-slate-100 p-3 text-xs dark:bg-slate-800"
        data-testid="setup-summary"
      >
        {Object.entries(toConfigEdits(values))
          .map(([field, value]) => `${field}: ${value}`)
          .join("\n")}
      </pre>
      {notice ? <NoticeBanner notice={notice} /> : null}
      <div className="flex gap-2">
        <button type="button" className={buttonSecondary} onClick={onBack}>
          Back
        </button>
        <button type="button" className={buttonPrimary} onClick={() => void createConfig()} disabled={saving}>
          {saving ? "Saving…" : "Create the config and review the deploy"}
        </button>
      </div>
    </div>
  );
}
